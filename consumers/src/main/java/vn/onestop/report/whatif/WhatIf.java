package vn.onestop.report.whatif;

import java.io.PrintStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import vn.onestop.audit.PipelineSource;
import vn.onestop.report.publish.CaseTraces;
import vn.onestop.report.publish.EventLog;
import vn.onestop.report.publish.Labels;
import vn.onestop.report.scorecard.CaseFact;
import vn.onestop.report.scorecard.Scorecards;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * What a draft rule set would have done to history ({@code onestop audit what-if}): the recorded
 * {@code case-events} and {@code org-units} are replayed twice with the engine re-run offline
 * ({@link OfflineReplay} through {@link CaseTraces}: the same engine code, punctuation and KPI
 * stages as live), once under the rules in force and once under the draft (policies and/or
 * calendars), and the two outcomes are compared. Nothing is written: the topics are only read.
 *
 * <p>Compared per case: its alerts, by (case, rule, level, decidedAt) (alert ids are not compared);
 * its on-time verdicts: for a thụ lý (acceptance) on time or late against the acceptance clock's
 * due instant, for a resolution the bucket of {@link Scorecards#bucket} (before due, on the due
 * day, late). A change is reported under the unit and month (Asia/Ho_Chi_Minh) of the alert's
 * decidedAt or of the verdict's event; only instants in {@code [from, to)} are compared. Per unit
 * and month of the window, the KPI deltas are the fields of the engine's monthly {@link UnitKpi}
 * that differ (revision not compared; a missing row counts as zeros).
 */
public final class WhatIf {
  private WhatIf() {}

  /**
   * One rule set to replay under.
   *
   * @param label shown in the report (e.g. "in force", "draft")
   * @param policies the SLA policies
   * @param calendars the working calendars
   */
  public record Rules(String label, PolicyBook policies, CalendarBook calendars) {}

  /**
   * An alert as compared.
   *
   * @param caseId case
   * @param ruleId the policy rule that fired
   * @param level escalation level (0 = warning or breach notice to the unit)
   * @param decidedAt its due instant (UTC)
   * @param unitId the unit it was addressed to
   */
  public record AlertKey(String caseId, String ruleId, int level, Instant decidedAt, String unitId)
      implements Comparable<AlertKey> {
    private static final Comparator<AlertKey> ORDER =
        Comparator.comparing(AlertKey::caseId)
            .thenComparing(AlertKey::decidedAt)
            .thenComparingInt(AlertKey::level)
            .thenComparing(AlertKey::ruleId)
            .thenComparing(AlertKey::unitId);

    /** By case, decidedAt, level, rule, unit. */
    @Override
    public int compareTo(AlertKey o) {
      return ORDER.compare(this, o);
    }
  }

  /**
   * An on-time verdict.
   *
   * @param caseId case
   * @param kind {@code ACCEPTANCE} or {@code RESOLUTION}
   * @param at the event's instant (UTC)
   * @param unitId the unit that decided
   * @param verdict {@code ON_TIME}/{@code LATE} (acceptance) or a {@link Scorecards.Bucket} name
   */
  public record Verdict(String caseId, String kind, Instant at, String unitId, String verdict)
      implements Comparable<Verdict> {
    @Override
    public int compareTo(Verdict o) {
      return toString().compareTo(o.toString());
    }
  }

  /**
   * A case whose outcome differs, in one unit and month.
   *
   * @param unitId unit
   * @param month month (Asia/Ho_Chi_Minh)
   * @param caseId case
   * @param alertsOnlyInForce alerts under the rules in force only
   * @param alertsOnlyDraft alerts under the draft only
   * @param verdictsInForce the case's verdicts there under the rules in force (when they differ)
   * @param verdictsDraft the same under the draft
   */
  public record CaseChange(
      String unitId,
      YearMonth month,
      String caseId,
      List<AlertKey> alertsOnlyInForce,
      List<AlertKey> alertsOnlyDraft,
      List<Verdict> verdictsInForce,
      List<Verdict> verdictsDraft) {}

  /**
   * A KPI figure that differs.
   *
   * @param unitId unit
   * @param month month
   * @param field {@link UnitKpi} field name
   * @param inForce value under the rules in force
   * @param draft value under the draft
   */
  public record KpiDelta(
      String unitId, YearMonth month, String field, Object inForce, Object draft) {}

  /**
   * The comparison.
   *
   * @param from window start (inclusive)
   * @param to window end (exclusive)
   * @param cases changed cases, by unit, month, case
   * @param kpis KPI deltas, by unit, month, field order
   */
  public record Result(Instant from, Instant to, List<CaseChange> cases, List<KpiDelta> kpis) {
    /**
     * @return the changed case ids, sorted, without duplicates
     */
    public Set<String> changedCaseIds() {
      Set<String> ids = new TreeSet<>();
      cases.forEach(c -> ids.add(c.caseId()));
      return ids;
    }

    /**
     * Prints the report: one block per unit and month. Times are local, Asia/Ho_Chi_Minh ("giờ Hà
     * Nội", UTC+07:00): an instant at 24:00 of a day (the end of a day-based period) reads "hết
     * ngày D", any other "HH:mm dd/MM/yyyy" ({@link Labels#due}).
     *
     * @param out where
     */
    public void print(PrintStream out) {
      out.println(
          "what-if "
              + Labels.time(from)
              + " .. "
              + Labels.time(to)
              + " giờ Hà Nội (UTC+07:00): "
              + changedCaseIds().size()
              + " case(s) change, "
              + kpis.size()
              + " KPI figure(s) change (recorded topics not modified)");
      out.println(
          "times in giờ Hà Nội (UTC+07:00); \"hết ngày D\" = 24:00 of D, the end of a day-based"
              + " period");
      Map<String, List<Object>> byUnitMonth = new TreeMap<>();
      cases.forEach(
          c ->
              byUnitMonth
                  .computeIfAbsent(c.unitId() + " " + c.month(), k -> new ArrayList<>())
                  .add(c));
      kpis.forEach(
          k ->
              byUnitMonth
                  .computeIfAbsent(k.unitId() + " " + k.month(), x -> new ArrayList<>())
                  .add(k));
      byUnitMonth.forEach(
          (um, items) -> {
            out.println(um + ":");
            for (Object o : items) {
              if (o instanceof KpiDelta d) {
                out.println("  KPI " + d.field() + ": " + d.inForce() + " -> " + d.draft());
              } else if (o instanceof CaseChange c) {
                out.println("  case " + c.caseId());
                c.alertsOnlyInForce()
                    .forEach(
                        a ->
                            out.println(
                                "    - alert "
                                    + a.ruleId()
                                    + " level "
                                    + a.level()
                                    + " at "
                                    + Labels.due(a.decidedAt())));
                c.alertsOnlyDraft()
                    .forEach(
                        a ->
                            out.println(
                                "    + alert "
                                    + a.ruleId()
                                    + " level "
                                    + a.level()
                                    + " at "
                                    + Labels.due(a.decidedAt())));
                if (!c.verdictsInForce().equals(c.verdictsDraft())) {
                  out.println(
                      "    verdicts "
                          + brief(c.verdictsInForce())
                          + " -> "
                          + brief(c.verdictsDraft()));
                }
              }
            }
          });
    }

    private static String brief(List<Verdict> vs) {
      List<String> s = new ArrayList<>();
      vs.forEach(v -> s.add(v.kind() + "@" + Labels.time(v.at()) + "=" + v.verdict()));
      return s.toString();
    }
  }

  /** One side's outcome. */
  private record Outcome(Map<String, Set<Object>> byUnitMonthCase, Map<String, UnitKpi> kpis) {}

  /**
   * Reads the recorded topics (read only) and compares.
   *
   * @param source topics
   * @param inForce the rules in force
   * @param draft the draft
   * @param from window start (UTC, inclusive)
   * @param to window end (UTC, exclusive); stream time is moved there so its months close
   * @return the comparison
   * @throws IllegalArgumentException if {@code to} is not after {@code from} or a topic is missing
   */
  public static Result run(
      PipelineSource source, Rules inForce, Rules draft, Instant from, Instant to) {
    return compare(EventLog.load(source), inForce, draft, from, to);
  }

  /**
   * Compares two replays of a log.
   *
   * @param log the recorded events and directory
   * @param inForce the rules in force
   * @param draft the draft
   * @param from window start (UTC, inclusive)
   * @param to window end (UTC, exclusive)
   * @return the comparison
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static Result compare(EventLog log, Rules inForce, Rules draft, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("--to " + to + " must be after --from " + from);
    }
    Outcome a = new Outcome(new HashMap<>(), new HashMap<>());
    Outcome b = new Outcome(new HashMap<>(), new HashMap<>());
    // one read of the log for both replays
    log.replayAll(List.of(run(a, inForce, from, to), run(b, draft, from, to)), to);
    TreeSet<String> keys = new TreeSet<>(a.byUnitMonthCase().keySet());
    keys.addAll(b.byUnitMonthCase().keySet());
    List<CaseChange> cases = new ArrayList<>();
    for (String k : keys) {
      Set<Object> x = a.byUnitMonthCase().getOrDefault(k, Set.of());
      Set<Object> y = b.byUnitMonthCase().getOrDefault(k, Set.of());
      if (x.equals(y)) {
        continue;
      }
      String[] p = k.split("\u0000", 3);
      cases.add(
          new CaseChange(
              p[0],
              YearMonth.parse(p[1]),
              p[2],
              alerts(x, y),
              alerts(y, x),
              verdicts(x),
              verdicts(y)));
    }
    return new Result(from, to, List.copyOf(cases), kpiDeltas(a.kpis(), b.kpis(), from, to));
  }

  /**
   * One side's replay: its alerts, and the verdicts of the facts as they are emitted (nothing else
   * of a case is kept), in the window go to {@code o}.
   */
  private static EventLog.Run run(Outcome o, Rules rules, Instant from, Instant to) {
    Map<String, Set<Object>> items = o.byUnitMonthCase();
    Map<String, UnitKpi> kpis = o.kpis();
    OfflineReplay.Listener alertsAndKpis =
        new OfflineReplay.Listener() {
          @Override
          public void alert(int partition, CaseAlert al) {
            add(
                items,
                al.getUnitId(),
                al.getDecidedAt(),
                al.getCaseId(),
                new AlertKey(
                    al.getCaseId(),
                    al.getRuleId(),
                    al.getLevel(),
                    al.getDecidedAt(),
                    al.getUnitId()),
                from,
                to);
          }

          @Override
          public void unitKpi(UnitKpi k) {
            kpis.put(KpiAggregator.key(k), k); // a month corrected later keeps its last value
          }
        };
    CaseTraces.Sink verdicts =
        (caseId, category, channel, f) -> {
          if (f instanceof CaseFact.Accepted x) {
            boolean onTime = x.acceptanceDueAt() == null || !x.at().isAfter(x.acceptanceDueAt());
            add(
                items,
                x.unitId(),
                x.at(),
                caseId,
                new Verdict(caseId, "ACCEPTANCE", x.at(), x.unitId(), onTime ? "ON_TIME" : "LATE"),
                from,
                to);
          } else if (f instanceof CaseFact.Resolved x) {
            add(
                items,
                x.unitId(),
                x.at(),
                caseId,
                new Verdict(
                    caseId,
                    "RESOLUTION",
                    x.at(),
                    x.unitId(),
                    Scorecards.bucket(x.at(), x.dueAt()).name()),
                from,
                to);
          }
        };
    return new EventLog.Run(
        rules.policies(),
        rules.calendars(),
        true,
        CaseTraces.listener(rules.calendars(), verdicts, alertsAndKpis));
  }

  private static void add(
      Map<String, Set<Object>> items,
      String unit,
      Instant at,
      String caseId,
      Object item,
      Instant from,
      Instant to) {
    if (at.isBefore(from) || !at.isBefore(to)) {
      return;
    }
    String key = unit + "\u0000" + KpiMonths.monthOf(at) + "\u0000" + caseId;
    items.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(item);
  }

  private static List<AlertKey> alerts(Set<Object> x, Set<Object> y) {
    return x.stream()
        .filter(o -> o instanceof AlertKey && !y.contains(o))
        .map(o -> (AlertKey) o)
        .sorted()
        .toList();
  }

  private static List<Verdict> verdicts(Collection<Object> x) {
    return x.stream().filter(o -> o instanceof Verdict).map(o -> (Verdict) o).sorted().toList();
  }

  private static List<KpiDelta> kpiDeltas(
      Map<String, UnitKpi> a, Map<String, UnitKpi> b, Instant from, Instant to) {
    YearMonth first = KpiMonths.monthOf(from);
    YearMonth last = KpiMonths.monthOf(to.minusMillis(1));
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<KpiDelta> out = new ArrayList<>();
    for (String k : keys) {
      UnitKpi x = a.get(k);
      UnitKpi y = b.get(k);
      UnitKpi any = x != null ? x : y;
      YearMonth m = YearMonth.parse(any.getMonth());
      if (m.isBefore(first) || m.isAfter(last)) {
        continue;
      }
      for (Schema.Field f : UnitKpi.getClassSchema().getFields()) {
        if (f.name().equals("revision") || f.name().equals("unitId") || f.name().equals("month")) {
          continue;
        }
        Object vx = x == null ? zero(f) : x.get(f.pos());
        Object vy = y == null ? zero(f) : y.get(f.pos());
        if (!Objects.equals(vx, vy)) {
          out.add(new KpiDelta(any.getUnitId(), m, f.name(), vx, vy));
        }
      }
    }
    return List.copyOf(out);
  }

  private static Object zero(Schema.Field f) {
    return f.schema().getType() == Schema.Type.LONG ? (Object) 0L : null;
  }
}
