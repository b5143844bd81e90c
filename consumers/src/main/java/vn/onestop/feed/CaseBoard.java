package vn.onestop.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onestop.access.Principal;
import vn.onestop.schema.CaseAlert;
import vn.onestop.sla.query.OpenCase;
import vn.onestop.sla.query.OpenCasesQuery;

/**
 * The supervisor's cockpit data: one row per open case in the caller's scope.
 *
 * <p>Two sources. With an SLA engine in the process ({@link #openCases(OpenCasesSource)} set, as
 * {@code onestop run} does), the rows are the engine's open cases (docs/design.md, Open cases from
 * the engine's state): a case with no alert yet is listed, resolved and withdrawn cases leave as
 * soon as the engine applied the event, a refused Resolved keeps the row; filters, sort and paging
 * run in the engine's query, the working time left and the at-risk band are working time on the
 * handling unit's calendar; the last alert of each row of the page is joined from the feed's recent
 * window. Without an engine, the rows are built from the latest alert of each case in the recent
 * window ({@link AlertLog#snapshot()}) minus the cases that {@code case-events} closed since that
 * alert: {@code Resolved} and {@code Withdrawn} close a case, {@code Reopened} opens it again; an
 * event the engine refused still counts there, the time left is elapsed time, and a case without an
 * alert is missing. Closures are remembered for at most {@code maxClosures} cases.
 *
 * <p>Rows carry no personal data: alerts have none, and the engine's rows carry a title only when
 * the content may be public (never for a tố cáo or khiếu nại).
 */
public final class CaseBoard {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One case on the cockpit. Local times are Asia/Ho_Chi_Minh, instants UTC ISO-8601.
   *
   * @param caseId case id
   * @param trackingCode code given to the citizen, or null (alert-based rows: always null)
   * @param category legal category
   * @param title public title, or null: never for a khiếu nại or tố cáo ({@code
   *     vn.onestop.schema.ContentSecrecy}); alert-based rows: always null
   * @param unitId handling unit id
   * @param unitName handling unit display name
   * @param status engine status (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED), or null on alert rows
   * @param clock the clock that runs (ACCEPTANCE or RESOLUTION), or null when none runs
   * @param level escalation level (engine rows: the engine's level of the clock; alert rows: the
   *     latest alert's)
   * @param kind kind of the latest alert in the recent window, or null when none
   * @param lastAlertLevel level of that alert, or null
   * @param lastAlertLocal when that alert became due, {@code yyyy-MM-dd HH:mm}, or null
   * @param deadline due instant, or null when no clock runs
   * @param deadlineLocal due instant, {@code yyyy-MM-dd HH:mm}, or null
   * @param dueLocal the due date as officials read it: {@code hết ngày dd/MM/yyyy} (end of that
   *     day) for a day-based period, else {@code HH:mm dd/MM/yyyy}; null when no clock runs
   * @param deadlineEpochMillis due instant in epoch milliseconds (Long.MAX_VALUE when none)
   * @param overdue the due instant has passed (not while suspended)
   * @param atRisk not overdue and due within the at-risk band (engine rows: working hours on the
   *     handling unit's calendar; alert rows: elapsed time)
   * @param millisLeft elapsed milliseconds until the due instant, negative when overdue
   * @param workingTimeLeft working time left or overdue in Vietnamese, e.g. {@code còn 3 ngày làm
   *     việc}, {@code quá hạn 1 giờ 15 phút làm việc}, {@code tạm đình chỉ}; null on alert rows
   * @param suspended the clock is paused (tạm đình chỉ)
   * @param source {@code engine} (the engine's case state) or {@code alerts} (latest alerts)
   * @param alertId id of the latest alert (what an acknowledgement acknowledges), or null
   * @param acknowledgedBy principal id of the case's latest acknowledgement, or null
   * @param acknowledgedRole its role, UNIT_HEAD or SUPERVISOR, or null
   * @param acknowledgedAtLocal when, {@code yyyy-MM-dd HH:mm}, or null
   * @param acknowledgedLevel escalation level of the alert it acknowledged, or null
   * @param acknowledgedLatest true when it acknowledged the latest alert
   * @param snoozedBy principal id of the snooze in force, or null
   * @param snoozedUntil end of the snooze in force, or null
   * @param snoozedUntilLocal the same, local, or null
   * @param snoozeReason the official's reason of the snooze in force (officials only), or null
   * @param snoozed true while a snooze is in force; the case still escalates
   */
  public record Row(
      String caseId,
      String trackingCode,
      String category,
      String title,
      String unitId,
      String unitName,
      String status,
      String clock,
      int level,
      String kind,
      Integer lastAlertLevel,
      String lastAlertLocal,
      String deadline,
      String deadlineLocal,
      String dueLocal,
      long deadlineEpochMillis,
      boolean overdue,
      boolean atRisk,
      long millisLeft,
      String workingTimeLeft,
      boolean suspended,
      String source,
      String alertId,
      String acknowledgedBy,
      String acknowledgedRole,
      String acknowledgedAtLocal,
      Integer acknowledgedLevel,
      boolean acknowledgedLatest,
      String snoozedBy,
      String snoozedUntil,
      String snoozedUntilLocal,
      String snoozeReason,
      boolean snoozed) {

    /**
     * @param latestAlertId id of the case's latest alert, or null
     * @param a the case's latest acknowledgement and snooze
     * @param now the current instant (a snooze in force at now)
     * @return this row with the acknowledgement columns filled in
     */
    public Row withAcks(String latestAlertId, Acknowledgements.State a, Instant now) {
      boolean snoozedNow = a.snoozed(now);
      return new Row(
          caseId,
          trackingCode,
          category,
          title,
          unitId,
          unitName,
          status,
          clock,
          level,
          kind,
          lastAlertLevel,
          lastAlertLocal,
          deadline,
          deadlineLocal,
          dueLocal,
          deadlineEpochMillis,
          overdue,
          atRisk,
          millisLeft,
          workingTimeLeft,
          suspended,
          source,
          latestAlertId,
          a.acknowledgedBy(),
          a.acknowledgedRole(),
          a.acknowledgedAt() == null ? null : AlertView.local(a.acknowledgedAt()),
          a.acknowledgedLevel(),
          latestAlertId != null && latestAlertId.equals(a.acknowledgedAlertId()),
          snoozedNow ? a.snoozedBy() : null,
          snoozedNow ? a.snoozedUntil().toString() : null,
          snoozedNow ? AlertView.local(a.snoozedUntil()) : null,
          snoozedNow ? a.snoozeReason() : null,
          snoozedNow);
    }
  }

  /**
   * A page of rows.
   *
   * @param total rows matching the filters
   * @param page page number, 1-based
   * @param size page size
   * @param rows the rows of this page
   */
  public record Page(int total, int page, int size, List<Row> rows) {
    /**
     * @return compact JSON
     */
    public String toJson() {
      try {
        return JSON.writeValueAsString(this);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Filters, sort and paging of a query; null filters match everything.
   *
   * @param unitId handling unit id, or null
   * @param category category name, e.g. {@code KHIEU_NAI}, or null
   * @param level escalation level, or null
   * @param due {@code overdue} (due instant passed), {@code atRisk} (due within {@code atRisk}, not
   *     yet overdue), or null
   * @param sort {@code due} (earliest first; {@code deadline} is the same), {@code level} (highest
   *     first), {@code unit} (by unit id) or {@code lastAlert} (newest first; alert-based rows
   *     only)
   * @param page page number, 1-based
   * @param size page size, 1..200
   * @param hideSnoozed true to leave out cases snoozed at {@code now} (they still escalate)
   */
  public record Query(
      String unitId,
      String category,
      Integer level,
      String due,
      String sort,
      int page,
      int size,
      boolean hideSnoozed) {
    /** A query that shows snoozed cases too. */
    public Query(
        String unitId,
        String category,
        Integer level,
        String due,
        String sort,
        int page,
        int size) {
      this(unitId, category, level, due, sort, page, size, false);
    }
  }

  private final AlertLog log;
  private final AlertScope scope;
  private final OrgTree org;
  private final Duration atRisk;
  private final int maxClosures;
  private final Map<String, Instant> closedAt = new LinkedHashMap<>();
  private final Acknowledgements acks;
  private volatile OpenCasesSource openCases;

  /**
   * @param log the recent window of alerts
   * @param scope who sees what
   * @param org unit names
   * @param atRisk how close to its due instant an open case is "at risk" (elapsed time)
   * @param maxClosures most closed cases remembered
   */
  public CaseBoard(AlertLog log, AlertScope scope, OrgTree org, Duration atRisk, int maxClosures) {
    this.log = log;
    this.scope = scope;
    this.org = org;
    this.atRisk = atRisk;
    this.maxClosures = maxClosures;
    this.acks = new Acknowledgements(maxClosures, maxClosures);
  }

  /**
   * Makes the rows follow the engine's case state (an engine runs in this process).
   *
   * @param source the engine's open cases, or null to go back to alert-based rows
   */
  public void openCases(OpenCasesSource source) {
    this.openCases = source;
  }

  /**
   * @return whether rows come from the engine's case state
   */
  public boolean followsEngine() {
    return openCases != null;
  }

  /**
   * @return the acknowledgements and snoozes shown on the rows
   */
  public Acknowledgements acknowledgements() {
    return acks;
  }

  /**
   * @param caseId a case id
   * @return the latest alert of that case when it is an open case of the board (alert in the recent
   *     window, no closure since); empty otherwise
   */
  public java.util.Optional<LatestAlert> latestOpen(String caseId) {
    OpenCasesSource source = openCases;
    if (source != null) {
      try {
        java.util.Optional<OpenCase> c = source.find(caseId);
        if (c.isPresent() && c.get().lastAlert() != null) {
          OpenCase.LastAlert l = c.get().lastAlert();
          return java.util.Optional.of(
              new LatestAlert(c.get().unitId(), null, l.alertId(), l.level(), l.kind()));
        }
      } catch (vn.onestop.sla.query.CaseStatusUnavailableException e) {
        // the engine restores or rebalances: the feed's recent window still answers
      }
    }
    for (AlertLog.Entry e : log.snapshot().openCases()) {
      CaseAlert a = e.alert();
      if (caseId.equals(a.getCaseId().toString())) {
        return isClosed(a)
            ? java.util.Optional.empty()
            : java.util.Optional.of(
                new LatestAlert(
                    a.getUnitId().toString(),
                    a.getRecipientUnitId().toString(),
                    a.getAlertId().toString(),
                    a.getLevel(),
                    a.getKind().name()));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The latest alert of an open case, what an acknowledgement names.
   *
   * @param unitId the case's handling unit
   * @param recipientUnitId the unit the alert went to, or null when taken from the engine's state
   *     (its scope is then the handling unit's, as the engine's rows)
   * @param alertId the alert's id
   * @param level its level (0 warning, 1 breach, 2-3 escalation)
   * @param kind AlertKind symbol
   */
  public record LatestAlert(
      String unitId, String recipientUnitId, String alertId, int level, String kind) {}

  /**
   * Records that a case was resolved or withdrawn at {@code at}.
   *
   * @param caseId the case
   * @param at event time of the closure
   */
  public synchronized void closed(String caseId, Instant at) {
    closedAt.remove(caseId);
    closedAt.put(caseId, at);
    while (closedAt.size() > maxClosures) {
      closedAt.remove(closedAt.keySet().iterator().next());
    }
  }

  /**
   * Records that a case was reopened: it is open again.
   *
   * @param caseId the case
   */
  public synchronized void reopened(String caseId) {
    closedAt.remove(caseId);
  }

  private synchronized boolean isClosed(CaseAlert latest) {
    Instant c = closedAt.get(latest.getCaseId().toString());
    return c != null && !c.isBefore(latest.getDecidedAt());
  }

  /**
   * @param p the caller
   * @param q filters, sort, paging
   * @param now the current instant (for overdue, at risk and time left)
   * @return the matching page
   * @throws IllegalArgumentException naming {@code sort} for {@code lastAlert} on engine rows
   * @throws vn.onestop.sla.query.CaseStatusUnavailableException while the engine is not queryable
   */
  public Page query(Principal p, Query q, Instant now) {
    OpenCasesSource source = openCases;
    return source == null ? fromAlerts(p, q, now) : fromEngine(source, p, q, now);
  }

  private Page fromEngine(OpenCasesSource source, Principal p, Query q, Instant now) {
    OpenCasesQuery.Sort sort =
        switch (q.sort()) {
          case "due", "deadline" -> OpenCasesQuery.Sort.DUE;
          case "level" -> OpenCasesQuery.Sort.LEVEL;
          case "unit" -> OpenCasesQuery.Sort.UNIT;
          default ->
              throw new IllegalArgumentException(
                  "sort: expected due, level or unit while rows follow the engine, got '"
                      + q.sort()
                      + "'");
        };
    OpenCasesQuery.Band band =
        q.due() == null
            ? null
            : "overdue".equals(q.due()) ? OpenCasesQuery.Band.OVERDUE : OpenCasesQuery.Band.AT_RISK;
    OpenCasesQuery.Page page =
        source.page(
            new OpenCasesQuery.Request(
                scopeUnits(p),
                q.unitId(),
                q.category(),
                q.level(),
                band,
                sort,
                q.page(),
                q.size(),
                now,
                atRisk,
                q.hideSnoozed() ? acks.snoozedAt(now) : null));
    Map<String, CaseAlert> latest = new java.util.HashMap<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    page.rows().forEach(r -> ids.add(r.openCase().caseId()));
    for (AlertLog.Entry e : log.snapshot().openCases()) {
      String id = e.alert().getCaseId().toString();
      if (ids.contains(id)) {
        latest.put(id, e.alert());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (OpenCasesQuery.Row r : page.rows()) {
      OpenCase c = r.openCase();
      // the engine's state keeps every alert it emitted; the feed only a recent window
      OpenCase.LastAlert last = c.lastAlert();
      CaseAlert a = latest.get(c.caseId());
      String alertId = last != null ? last.alertId() : a == null ? null : a.getAlertId().toString();
      String alertKind = last != null ? last.kind() : a == null ? null : a.getKind().name();
      Integer alertLevel =
          last != null ? Integer.valueOf(last.level()) : a == null ? null : a.getLevel();
      String alertLocal =
          last != null
              ? AlertView.local(last.decidedAt())
              : a == null ? null : AlertView.local(a.getDecidedAt());
      Instant due = c.dueAt();
      Row row =
          new Row(
              c.caseId(),
              c.trackingCode(),
              c.category(),
              c.publicTitle(),
              c.unitId(),
              org.name(c.unitId()),
              c.status(),
              c.clock(),
              c.escalationLevel(),
              alertKind,
              alertLevel,
              alertLocal,
              due == null ? null : due.toString(),
              due == null ? null : AlertView.local(due),
              due == null ? null : CockpitText.dueLocal(due, c.dayBased()),
              due == null ? Long.MAX_VALUE : due.toEpochMilli(),
              r.overdue(),
              r.atRisk(),
              due == null ? 0 : due.toEpochMilli() - now.toEpochMilli(),
              CockpitText.workingTimeLeft(r),
              c.suspended(),
              "engine",
              null,
              null,
              null,
              null,
              null,
              false,
              null,
              null,
              null,
              null,
              false);
      rows.add(row.withAcks(alertId, acks.of(c.caseId()), now));
    }
    return new Page(page.total(), page.page(), page.size(), List.copyOf(rows));
  }

  /**
   * The handling units a principal may see, for the engine's query: null for everything, else his
   * unit, or his unit and every unit below it in the directory.
   */
  private java.util.Set<String> scopeUnits(Principal p) {
    String mine = p.scope().unitId();
    return switch (p.scope().kind()) {
      case ALL -> null;
      case NONE -> java.util.Set.of();
      case UNIT -> java.util.Set.of(mine);
      case SUBTREE -> {
        java.util.Set<String> out = new java.util.HashSet<>();
        out.add(mine);
        for (String u : org.all().keySet()) {
          if (org.inSubtree(u, mine)) {
            out.add(u);
          }
        }
        yield out;
      }
    };
  }

  private Page fromAlerts(Principal p, Query q, Instant now) {
    List<Row> rows = new ArrayList<>();
    for (AlertLog.Entry e : log.snapshot().openCases()) {
      CaseAlert a = e.alert();
      if (!scope.visible(p, a) || isClosed(a)) {
        continue;
      }
      long left = a.getDeadline().toEpochMilli() - now.toEpochMilli();
      boolean overdue = left <= 0;
      Row r =
          new Row(
              a.getCaseId().toString(),
              null,
              a.getCategory().name(),
              null,
              a.getUnitId().toString(),
              org.name(a.getUnitId().toString()),
              null,
              a.getClock().name(),
              a.getLevel(),
              a.getKind().name(),
              a.getLevel(),
              AlertView.local(a.getDecidedAt()),
              a.getDeadline().toString(),
              AlertView.local(a.getDeadline()),
              CockpitText.dueLocal(a.getDeadline(), CockpitText.endOfDay(a.getDeadline())),
              a.getDeadline().toEpochMilli(),
              overdue,
              !overdue && left <= atRisk.toMillis(),
              left,
              null,
              false,
              "alerts",
              null,
              null,
              null,
              null,
              null,
              false,
              null,
              null,
              null,
              null,
              false);
      r = r.withAcks(a.getAlertId().toString(), acks.of(r.caseId()), now);
      if (q.hideSnoozed() && r.snoozed()) {
        continue;
      }
      if (q.unitId() != null && !q.unitId().equals(r.unitId())) {
        continue;
      }
      if (q.category() != null && !q.category().equals(r.category())) {
        continue;
      }
      if (q.level() != null && q.level() != r.level()) {
        continue;
      }
      if ("overdue".equals(q.due()) && !r.overdue()) {
        continue;
      }
      if ("atRisk".equals(q.due()) && !r.atRisk()) {
        continue;
      }
      rows.add(r);
    }
    Comparator<Row> byDue = Comparator.comparingLong(Row::deadlineEpochMillis);
    Comparator<Row> order =
        switch (q.sort()) {
          case "level" -> Comparator.comparingInt(Row::level).reversed().thenComparing(byDue);
          case "lastAlert" -> Comparator.comparing(Row::lastAlertLocal).reversed();
          case "unit" -> Comparator.comparing(Row::unitId).thenComparing(byDue);
          default -> byDue;
        };
    rows.sort(order.thenComparing(Row::caseId));
    long fromL = (long) (q.page() - 1) * q.size();
    int from = (int) Math.min(rows.size(), fromL);
    int to = Math.min(rows.size(), from + q.size());
    return new Page(rows.size(), q.page(), q.size(), List.copyOf(rows.subList(from, to)));
  }
}
