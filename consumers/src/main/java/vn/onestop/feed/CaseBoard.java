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
      long millisLeft) {}

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
   */
  public record Query(
      String unitId, String category, Integer level, String due, String sort, int page, int size) {}

  private final AlertLog log;
  private final AlertScope scope;
  private final OrgTree org;
  private final Duration atRisk;
  private final int maxClosures;
  private final Map<String, Instant> closedAt = new LinkedHashMap<>();

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
