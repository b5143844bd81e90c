package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.app.demo.DemoDirectory;
import vn.onestop.app.demo.DemoInput;
import vn.onestop.intake.importer.Boston311Profile;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.report.publish.EventLog;
import vn.onestop.report.whatif.WhatIf;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.WorkingCalendar;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.EscalationSteps;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * What-if on the bundled Boston 311 year (app resources {@code boston311-2015/}, what {@code
 * onestop demo} imports) with the documented example draft {@code
 * examples/what-if-draft-escalation-2wd.json}: the bundled policies with one period shortened, the
 * SOURCE_PROVIDED level-2 escalation 3 → 2 working days after the breach.
 *
 * <p>The case-events are the importer's own ({@link HotlineImporter#plan}: the rows mapped by the
 * Boston profile, sorted, with the clock-tick rounds, one partition), the directory is the demo's
 * ({@link DemoDirectory}). The report of {@link WhatIf#compare} is checked against a direct
 * recomputation: two independent replays of the same log, their alerts compared case by case and
 * alert by alert, grouped by unit and month like the report.
 */
class WhatIfBostonTest {
  static final Instant FROM = local("2015-01-01");
  static final Instant TO = local("2016-01-01");
  static final Path DRAFT = Path.of("..", "examples", "what-if-draft-escalation-2wd.json");

  @TempDir static Path tmp;
  static EventLog log;
  static PolicyBook draft;
  static long cases;
  static long eventCount;

  static Instant local(String day) {
    return LocalDate.parse(day).atStartOfDay(Calendars.ZONE).toInstant();
  }

  @BeforeAll
  static void importTheBundledYear() throws Exception {
    List<Path> files = DemoInput.extractBundled(tmp);
    List<OrgUnit> directory =
        DemoDirectory.units(DemoInput.units(files, List.of("Department", "QUEUE")));
    Map<String, OrgUnit> org = new HashMap<>();
    directory.forEach(u -> org.put(OrgUnitKeys.key(u), u));
    // no broker: plan() reads, maps and orders as an import does, without writing
    List<HotlineImporter.Planned> planned =
        new HotlineImporter(
                ImportOptions.defaults(
                    "127.0.0.1:9", "http://127.0.0.1:9", tmp.resolve("rejects.csv")))
            .plan(files, new Boston311Profile(), 1);
    // the order EventLog.load gives a recorded topic: record timestamp (= occurredAt), offset
    List<CaseEvent> events =
        planned.stream()
            .map(HotlineImporter.Planned::event)
            .sorted(Comparator.comparing(CaseEvent::getOccurredAt))
            .toList();
    cases =
        events.stream().filter(e -> e.getPayload() instanceof vn.onestop.schema.Submitted).count();
    eventCount = events.size();
    log = new EventLog(events, org);
    draft = PolicyBook.load(DRAFT);
  }

  @Test
  void theExampleDraftShortensExactlyOnePeriod() {
    PolicyBook bundled = PolicyBook.defaults();
    assertThat(draft.all()).hasSameSizeAs(bundled.all());
    for (SlaPolicy p : bundled.all()) {
      SlaPolicy d = draft.byId(p.policyId()).orElseThrow();
      if (!p.policyId().equals("SOURCE_PROVIDED")) {
        assertThat(d).as(p.policyId()).isEqualTo(p);
        continue;
      }
      assertThat(p.escalation().level2After()).isEqualTo(Period.workingDays(3));
      assertThat(d.escalation().level2After()).isEqualTo(Period.workingDays(2));
      assertThat(d.escalation().level3After()).isEqualTo(p.escalation().level3After());
      assertThat(d.warnings()).isEqualTo(p.warnings());
      assertThat(d.dueDateFromSource()).isTrue();
      assertThat(d.calendarId()).isEqualTo(p.calendarId());
    }
  }

  /** One replay's alerts in the window: unit|month|case → "rule/level/decidedAt". */
  static Map<String, Set<String>> alerts(PolicyBook policies, Map<String, Instant> breaches) {
    Map<String, Set<String>> out = new HashMap<>();
    log.replay(
        policies,
        CalendarBook.standard(),
        TO,
        false,
        new OfflineReplay.Listener() {
          @Override
          public void alert(int partition, CaseAlert a) {
            if (a.getRuleId().endsWith("/" + EscalationLadder.BREACH) && breaches != null) {
              breaches.put(a.getCaseId(), a.getDecidedAt());
            }
            if (!a.getDecidedAt().isBefore(FROM) && a.getDecidedAt().isBefore(TO)) {
              out.computeIfAbsent(
                      a.getUnitId()
                          + "|"
                          + KpiMonths.monthOf(a.getDecidedAt())
                          + "|"
                          + a.getCaseId(),
                      k -> new HashSet<>())
                  .add(a.getRuleId() + "/" + a.getLevel() + "/" + a.getDecidedAt());
            }
          }
        });
    return out;
  }

  @Test
  void theReportedChangesEqualADirectRecomputation() throws Exception {
    WhatIf.Result r =
        WhatIf.compare(
            log,
            new WhatIf.Rules("in force", PolicyBook.defaults(), CalendarBook.standard()),
            new WhatIf.Rules("draft", draft, CalendarBook.standard()),
            FROM,
            TO);

    // direct recomputation: two replays, alerts compared per unit, month and case
    Map<String, Instant> breaches = new HashMap<>();
    Map<String, Set<String>> a = alerts(PolicyBook.defaults(), breaches);
    Map<String, Set<String>> b = alerts(draft, null);
    Set<String> expected = new TreeSet<>();
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    long onlyA = 0;
    long onlyB = 0;
    Map<String, long[]> perUnit = new TreeMap<>();
    for (String k : keys) {
      Set<String> x = a.getOrDefault(k, Set.of());
      Set<String> y = b.getOrDefault(k, Set.of());
      if (!x.equals(y)) {
        expected.add(k);
        long ia = x.stream().filter(s -> !y.contains(s)).count();
        long ib = y.stream().filter(s -> !x.contains(s)).count();
        onlyA += ia;
        onlyB += ib;
        long[] u = perUnit.computeIfAbsent(k.split("\\|")[0], z -> new long[3]);
        u[0]++;
        u[1] += ia;
        u[2] += ib;
      }
    }
    assertThat(expected).isNotEmpty();

    Set<String> reported = new TreeSet<>();
    long reportedA = 0;
    long reportedB = 0;
    WorkingCalendar cal = CalendarBook.standard().get("vn-civil-service");
    EscalationSteps steps = draft.byId("SOURCE_PROVIDED").orElseThrow().escalation();
    for (WhatIf.CaseChange c : r.cases()) {
      reported.add(c.unitId() + "|" + c.month() + "|" + c.caseId());
      reportedA += c.alertsOnlyInForce().size();
      reportedB += c.alertsOnlyDraft().size();
      // a shorter escalation step moves no due date: no verdict changes
      assertThat(c.verdictsDraft()).isEqualTo(c.verdictsInForce());
      // only the escalations move, to the draft's ladder from the unchanged breach instant
      for (WhatIf.AlertKey k : c.alertsOnlyDraft()) {
        Instant breach = breaches.get(k.caseId());
        assertThat(k.level()).as(k.toString()).isIn(2, 3);
        assertThat(k.decidedAt())
            .as(k.toString())
            .isEqualTo(k.level() == 2 ? steps.level2At(breach, cal) : steps.level3At(breach, cal));
      }
      c.alertsOnlyInForce().forEach(k -> assertThat(k.level()).as(k.toString()).isIn(2, 3));
    }
    assertThat(reported).isEqualTo(expected);
    assertThat(reportedA).isEqualTo(onlyA);
    assertThat(reportedB).isEqualTo(onlyB);
    // the monthly unit KPIs count receipts, resolutions against the due date, overdue cases and
    // ratings, none of which an escalation step changes
    assertThat(r.kpis()).isEmpty();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    r.print(p);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith(
            "what-if 00:00 01/01/2015 .. 00:00 01/01/2016 giờ Hà Nội (UTC+07:00): "
                + r.changedCaseIds().size()
                + " case(s) change, 0 KPI figure(s) change");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "what-if-boston.txt"), text);
    // figures for docs/what-if.md
    System.out.printf(
        "Boston 2015: %d events (ticks included), %d cases; %d case(s) change in %d unit-month(s),"
            + " %d alert(s) only in force, %d only under the draft%n",
        eventCount, cases, r.changedCaseIds().size(), reported.size(), onlyA, onlyB);
    perUnit.forEach(
        (u, n) ->
            System.out.printf("  %s: %d case-month(s), -%d +%d alert(s)%n", u, n[0], n[1], n[2]));
  }
}
