package vn.onestop.report.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.onestop.report.scorecard.ScorecardScenario.A;
import static vn.onestop.report.scorecard.ScorecardScenario.PREFIX;
import static vn.onestop.report.scorecard.ScorecardScenario.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.onestop.report.publish.EventLog;
import vn.onestop.report.scorecard.ScorecardScenario;
import vn.onestop.schema.CaseAlert;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * What-if over the hand-made log of {@link ScorecardScenario} with a draft that shortens one
 * period: khiếu nại lần đầu resolution of a normal case 30 → 20 calendar days (the bundled policies
 * otherwise).
 */
class WhatIfTest {
  static final Instant FROM = local("2026-01-01T00:00");
  static final Instant TO = local("2026-02-01T00:00");
  static final String THIRTY =
      "{ \"complexity\": [\"NORMAL\"], \"remoteArea\": false, \"period\": \"30 CALENDAR_DAYS\","
          + " \"legalBasis\": \"Luật Khiếu nại 2011, Điều 28 — không quá 30 ngày";

  static PolicyBook draft() throws IOException {
    String text;
    try (InputStream in =
        PolicyBook.class.getClassLoader().getResourceAsStream(PolicyBook.DEFAULT_RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text).contains(THIRTY); // the first such rule is KN1-2011's
    String draft =
        text.replaceFirst(
            java.util.regex.Pattern.quote(THIRTY),
            THIRTY.replace("30 CALENDAR_DAYS", "20 CALENDAR_DAYS"));
    return PolicyBook.load(
        new ByteArrayInputStream(draft.getBytes(StandardCharsets.UTF_8)), "draft.json");
  }

  static WhatIf.Rules inForce() {
    return new WhatIf.Rules("in force", PolicyBook.defaults(), CalendarBook.standard());
  }

  /** The alerts of one replay, (case, rule, level, decidedAt) in the window, per case. */
  static Map<String, Set<String>> alerts(EventLog log, PolicyBook policies) {
    Map<String, Set<String>> out = new HashMap<>();
    log.replay(
        policies,
        CalendarBook.standard(),
        TO,
        false,
        new OfflineReplay.Listener() {
          @Override
          public void alert(int partition, CaseAlert a) {
            if (!a.getDecidedAt().isBefore(FROM) && a.getDecidedAt().isBefore(TO)) {
              out.computeIfAbsent(a.getCaseId(), k -> new HashSet<>())
                  .add(a.getRuleId() + "/" + a.getLevel() + "/" + a.getDecidedAt());
            }
          }
        });
    return out;
  }

  @Test
  void theChangedCasesEqualADirectRecomputation() throws IOException {
    EventLog log = ScorecardScenario.log();
    PolicyBook draft = draft();
    WhatIf.Result r =
        WhatIf.compare(
            log, inForce(), new WhatIf.Rules("draft", draft, CalendarBook.standard()), FROM, TO);

    // direct recomputation: two replays compared here, alerts case by case
    Map<String, Set<String>> a = alerts(log, PolicyBook.defaults());
    Map<String, Set<String>> b = alerts(log, draft);
    Set<String> expected = new TreeSet<>();
    Set<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    for (String c : all) {
      if (!a.getOrDefault(c, Set.of()).equals(b.getOrDefault(c, Set.of()))) {
        expected.add(c);
      }
    }
    assertThat(expected).isNotEmpty();
    // verdicts by hand: a2 accepted 15/12, due 15/12+20 = hết ngày 04/01 (Sunday) → hết ngày 05/01,
    // resolved 14/01: đúng hạn → quá hạn. a1 (due 26/01, resolved 20/01), a5 (27/01, 22/01), b1
    // (28/01, 20/01) stay trước hạn; a3 (due 28/12 → 29/12, resolved 09/01) stays quá hạn.
    expected.add(PREFIX + "a2");
    assertThat(r.changedCaseIds()).isEqualTo(expected);

    WhatIf.CaseChange a2 =
        r.cases().stream()
            .filter(c -> c.caseId().equals(PREFIX + "a2") && !c.verdictsDraft().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(a2.unitId()).isEqualTo(A);
    assertThat(a2.month()).isEqualTo(YearMonth.of(2026, 1));
    assertThat(a2.verdictsInForce())
        .extracting(WhatIf.Verdict::verdict)
        .containsExactly("ON_DUE_DAY");
    assertThat(a2.verdictsDraft()).extracting(WhatIf.Verdict::verdict).containsExactly("LATE");
    // the tố cáo case t1 and b2 (accepted late, open) follow other periods: unchanged
    assertThat(r.changedCaseIds()).doesNotContain(PREFIX + "t1", PREFIX + "b2", PREFIX + "a4");

    // KPI: A's January resolutions on time a1, a2, a5 → a1, a5
    assertThat(r.kpis())
        .contains(new WhatIf.KpiDelta(A, YearMonth.of(2026, 1), "resolvedOnTime", 3L, 2L));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    // kept for the note and docs/what-if.md
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "what-if-scorecard-scenario.txt"),
        out.toString(StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("A 2026-01:")
        .contains("KPI resolvedOnTime: 3 -> 2")
        .contains("what-if 00:00 01/01/2026 .. 00:00 01/02/2026 giờ Hà Nội (UTC+07:00)")
        // local times; the day-based breach (2026-01-05T17:00Z) is the end of 05/01
        .contains("+ alert KN1-2011-RESOLUTION/breach level 1 at hết ngày 05/01/2026")
        .contains("- alert KN1-2011-RESOLUTION/warn-75pct level 0 at 08:15 07/01/2026")
        .contains("RESOLUTION@16:00 14/01/2026=ON_DUE_DAY] -> [RESOLUTION@16:00 14/01/2026=LATE");
  }

  @Test
  void theSameRulesChangeNothing() {
    WhatIf.Result r = WhatIf.compare(ScorecardScenario.log(), inForce(), inForce(), FROM, TO);
    assertThat(r.cases()).isEmpty();
    assertThat(r.kpis()).isEmpty();
  }

  @Test
  void anEmptyWindowIsRefused() {
    assertThatThrownBy(
            () -> WhatIf.compare(ScorecardScenario.log(), inForce(), inForce(), TO, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--to");
  }
}
