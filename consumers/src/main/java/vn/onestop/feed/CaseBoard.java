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

/**
 * The supervisor's cockpit data: one row per open case in the caller's scope, built from the latest
 * alert of each case in the recent window ({@link AlertLog#snapshot()}) minus the cases that {@code
 * case-events} closed since that alert.
 *
 * <p>Case state source: {@code case-events} {@code Resolved} and {@code Withdrawn} close a case
 * (the engine's CaseDecider stops its clocks on both), {@code Reopened} opens it again; a case is
 * shown when it has no closure at or after its latest alert's {@code decidedAt}. Chosen over the
 * engine's status query because the feed may run without the engine in its process, and because the
 * log gives the same answer after a restart. Limitation: an event the engine refused (listed in
 * {@code case-events-rejected}) still counts here; the intake refuses most such events before
 * writing (409). Closures are remembered for at most {@code maxClosures} cases (oldest forgotten).
 *
 * <p>Rows carry no personal data and no case content: a {@link CaseAlert} has none, so nothing
 * secret of a denunciation (tố cáo) reaches the page.
 */
public final class CaseBoard {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One case on the cockpit.
   *
   * @param caseId tracking code of the case
   * @param category legal category
   * @param unitId handling unit id
   * @param unitName handling unit display name
   * @param level escalation level of the latest alert (0 warning, 1 breach, 2 parent, 3 top)
   * @param kind kind of the latest alert
   * @param clock the clock that is due (ACCEPTANCE or RESOLUTION)
   * @param lastAlertLocal when the latest alert became due, Asia/Ho_Chi_Minh {@code yyyy-MM-dd
   *     HH:mm}
   * @param deadline due instant, UTC ISO-8601
   * @param deadlineLocal due instant in Asia/Ho_Chi_Minh
   * @param deadlineEpochMillis due instant in epoch milliseconds
   * @param overdue true when the due instant has passed ({@code now})
   * @param millisLeft milliseconds (elapsed, not working time) until the due instant; negative when
   *     overdue
   * @param alertId id of the latest alert (what an acknowledgement from the page acknowledges)
   * @param acknowledgedBy principal id of the case's latest acknowledgement, or null
   * @param acknowledgedRole its role, UNIT_HEAD or SUPERVISOR, or null
   * @param acknowledgedAtLocal when, Asia/Ho_Chi_Minh {@code yyyy-MM-dd HH:mm}, or null
   * @param acknowledgedLevel escalation level of the alert it acknowledged, or null
   * @param acknowledgedLatest true when it acknowledged the latest alert (false: a newer alert
   *     came)
   * @param snoozedBy principal id of the snooze in force, or null
   * @param snoozedUntil end of the snooze in force, UTC ISO-8601, or null
   * @param snoozedUntilLocal the same in Asia/Ho_Chi_Minh, or null
   * @param snoozeReason the official's reason of the snooze in force (officials only), or null
   * @param snoozed true while a snooze is in force; the case still escalates
   */
  public record Row(
      String caseId,
      String category,
      String unitId,
      String unitName,
      int level,
      String kind,
      String clock,
      String lastAlertLocal,
      String deadline,
      String deadlineLocal,
      long deadlineEpochMillis,
      boolean overdue,
      long millisLeft,
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
    /** A row without acknowledgement data (filled in by {@link #withAcks}). */
    public Row(
        String caseId,
        String category,
        String unitId,
        String unitName,
        int level,
        String kind,
        String clock,
        String lastAlertLocal,
        String deadline,
        String deadlineLocal,
        long deadlineEpochMillis,
        boolean overdue,
        long millisLeft) {
      this(
          caseId,
          category,
          unitId,
          unitName,
          level,
          kind,
          clock,
          lastAlertLocal,
          deadline,
          deadlineLocal,
          deadlineEpochMillis,
          overdue,
          millisLeft,
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
    }

    /**
     * @param latestAlertId id of the case's latest alert
     * @param a the case's latest acknowledgement and snooze
     * @param now the current instant (a snooze in force at now)
     * @return this row with the acknowledgement columns filled in
     */
    public Row withAcks(String latestAlertId, Acknowledgements.State a, Instant now) {
      boolean snoozedNow = a.snoozed(now);
      return new Row(
          caseId,
          category,
          unitId,
          unitName,
          level,
          kind,
          clock,
          lastAlertLocal,
          deadline,
          deadlineLocal,
          deadlineEpochMillis,
          overdue,
          millisLeft,
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
   * @param page page number, 0-based
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
   * @param sort {@code deadline} (earliest first), {@code level} (highest first) or {@code
   *     lastAlert} (newest first)
   * @param page page number, 0-based
   * @param size page size, 1..500
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
  public java.util.Optional<CaseAlert> latestOpen(String caseId) {
    for (AlertLog.Entry e : log.snapshot().openCases()) {
      CaseAlert a = e.alert();
      if (caseId.equals(a.getCaseId().toString())) {
        return isClosed(a) ? java.util.Optional.empty() : java.util.Optional.of(a);
      }
    }
    return java.util.Optional.empty();
  }

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
   * @param now the current instant (for overdue and at-risk)
   * @return the matching page
   */
  public Page query(Principal p, Query q, Instant now) {
    List<Row> rows = new ArrayList<>();
    for (AlertLog.Entry e : log.snapshot().openCases()) {
      CaseAlert a = e.alert();
      if (!scope.visible(p, a) || isClosed(a)) {
        continue;
      }
      long left = a.getDeadline().toEpochMilli() - now.toEpochMilli();
      Row r =
          new Row(
              a.getCaseId().toString(),
              a.getCategory().name(),
              a.getUnitId().toString(),
              org.name(a.getUnitId().toString()),
              a.getLevel(),
              a.getKind().name(),
              a.getClock().name(),
              AlertView.local(a.getDecidedAt()),
              a.getDeadline().toString(),
              AlertView.local(a.getDeadline()),
              a.getDeadline().toEpochMilli(),
              left <= 0,
              left);
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
      if ("atRisk".equals(q.due()) && (r.overdue() || left > atRisk.toMillis())) {
        continue;
      }
      rows.add(r);
    }
    Comparator<Row> order =
        switch (q.sort()) {
          case "level" -> Comparator.comparingInt(Row::level).reversed();
          case "lastAlert" -> Comparator.comparing(Row::lastAlertLocal).reversed();
          default -> Comparator.comparingLong(Row::deadlineEpochMillis);
        };
    rows.sort(order.thenComparing(Row::caseId));
    int from = Math.min(rows.size(), q.page() * q.size());
    int to = Math.min(rows.size(), from + q.size());
    return new Page(rows.size(), q.page(), q.size(), List.copyOf(rows.subList(from, to)));
  }
}
