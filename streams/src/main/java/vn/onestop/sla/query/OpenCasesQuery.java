package vn.onestop.sla.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.WorkingCalendar;
import vn.onestop.sla.cases.UnitCalendars;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.GlobalStoreOrgDirectory;
import vn.onestop.sla.topology.SlaTopology;

/**
 * "The open cases of these units" from the engine's case store, for the supervisors' cockpit
 * (docs/design.md, Open cases from the engine's state): a scan of the partitions this instance
 * hosts (active ones), filtered, sorted and paged here. The engine's state decides what is open: a
 * case with no alert yet is listed, a case the engine resolved, rejected or withdrew is not, and a
 * Resolved the engine refused leaves the case listed. With several engine instances each answers
 * only for its own partitions (the app uses this query only for a single instance). Thread-safe.
 *
 * <p>Working time: the at-risk band and the time left are computed on the handling unit's calendar
 * at {@code now} ({@code OrgUnit.calendarId} when set and known to the {@link CalendarBook}), else
 * on the calendar of the case's policy, else on the clock's own. The at-risk test costs one
 * comparison per case (the band's end is computed once per calendar); the working time left is
 * computed only for the rows of the returned page.
 *
 * <p>Cost: one pass over every stored case of the local partitions (open and closed), decoding each
 * (about 7 µs per case), then a filter and a sort of the open ones. A query built with a freshness
 * (the running engine's: {@link #ENGINE_FRESHNESS}) keeps the open cases of one pass for that long,
 * so the pages, filters and sorts of many cockpits share one pass; a change in the engine's state
 * shows at most that much later.
 */
public final class OpenCasesQuery {
  /** Largest page size a request may ask for. */
  public static final int MAX_PAGE_SIZE = 200;

  /**
   * Visits every stored case of the local partitions; may throw {@link
   * CaseStatusUnavailableException}.
   */
  @FunctionalInterface
  public interface Scan {
    /**
     * @param visitor called once per stored case
     */
    void forEach(Consumer<CaseState> visitor);
  }

  /** Order of the rows; ties are broken by due instant, then case id. */
  public enum Sort {
    /** Earliest due instant first; cases without a running clock last. */
    DUE,
    /** Highest escalation level first. */
    LEVEL,
    /** By handling unit id. */
    UNIT
  }

  /** A band of the clock. */
  public enum Band {
    /** Due within the at-risk working time from now, not yet due; suspended clocks excluded. */
    AT_RISK,
    /** Due instant at or before now; suspended clocks excluded. */
    OVERDUE
  }

  /**
   * What to list; null filters match everything.
   *
   * @param scope handling units the caller may see, or null for every unit (a supervisor)
   * @param unitId only this handling unit, or null
   * @param category only this Category symbol, or null
   * @param level only this escalation level (0..3), or null
   * @param band only at-risk or only overdue cases, or null
   * @param sort order
   * @param page page number, 1-based
   * @param size page size, 1..{@value #MAX_PAGE_SIZE}
   * @param now the instant (UTC) that decides overdue, at risk and time left
   * @param atRisk the at-risk band: due within this much WORKING time of now (working hours of the
   *     handling unit's calendar)
   * @param excludeCaseIds cases to leave out before paging (the cockpit's snoozed cases when it
   *     hides them), or null for none
   */
  public record Request(
      Set<String> scope,
      String unitId,
      String category,
      Integer level,
      Band band,
      Sort sort,
      int page,
      int size,
      Instant now,
      Duration atRisk,
      Set<String> excludeCaseIds) {
    /** A request that leaves no case out. */
    public Request(
        Set<String> scope,
        String unitId,
        String category,
        Integer level,
        Band band,
        Sort sort,
        int page,
        int size,
        Instant now,
        Duration atRisk) {
      this(scope, unitId, category, level, band, sort, page, size, now, atRisk, null);
    }

    /**
     * @throws IllegalArgumentException naming the member when page, size or level is out of range
     */
    public Request {
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(atRisk, "atRisk");
      if (page < 1) {
        throw new IllegalArgumentException("page: must be at least 1, was " + page);
      }
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException(
            "size: must be within 1.." + MAX_PAGE_SIZE + ", was " + size);
      }
      if (level != null && (level < 0 || level > 3)) {
        throw new IllegalArgumentException("level: must be within 0..3, was " + level);
      }
      if (atRisk.isNegative()) {
        throw new IllegalArgumentException("atRisk: must not be negative, was " + atRisk);
      }
      scope = scope == null ? null : Set.copyOf(scope);
      excludeCaseIds = excludeCaseIds == null ? Set.of() : Set.copyOf(excludeCaseIds);
    }
  }

  /**
   * One row of a page.
   *
   * @param openCase the case as the engine holds it
   * @param calendarId the calendar the band and the time left were computed on (the handling
   *     unit's, else the policy's)
   * @param overdue due instant at or before now, clock not suspended
   * @param atRisk not overdue, clock not suspended, due within the request's at-risk working time
   * @param workingDaysLeft for a day-based clock ({@link OpenCase#dayBased()}): working days after
   *     the day of now up to and including the due day (0 = due at the end of today); when overdue,
   *     minus the working days from the day after the due day up to and including today; null for
   *     other clocks, no clock or a suspended clock
   * @param workingMinutesLeft for any running clock: working minutes between now and the due
   *     instant, negative (minutes of working time since the due instant) when overdue; null
   *     without a clock or when suspended
   */
  public record Row(
      OpenCase openCase,
      String calendarId,
      boolean overdue,
      boolean atRisk,
      Long workingDaysLeft,
      Long workingMinutesLeft) {}

  /**
   * A page of rows.
   *
   * @param rows the rows of the page, in the requested order
   * @param total matching cases in all pages
   * @param page page number, 1-based
   * @param size page size
   */
  public record Page(List<Row> rows, int total, int page, int size) {}

  private record Candidate(OpenCase c, String calendarId, boolean overdue, boolean atRisk) {}

  /** An open case with its clock's own calendar (the last fallback for the band). */
  private record Entry(OpenCase openCase, String clockCalendarId) {}

  private record Snapshot(List<Entry> entries, long takenNanos) {}

  /** How long the cockpit of a running engine reuses one scan of the case store. */
  public static final Duration ENGINE_FRESHNESS = Duration.ofSeconds(2);

  private final Scan scan;
  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final UnitCalendars unitCalendars;
  private final Map<String, String> policyCalendars =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Duration freshness;
  private final EscalationLadder ladder;
  private volatile Snapshot snapshot;

  /**
   * A query over any scan (tests: a TopologyTestDriver store), on the bundled calendars, where no
   * unit has a calendar of its own.
   *
   * @param scan visits the stored cases
   * @param policies SLA policies (for each case's policy calendar)
   */
  public OpenCasesQuery(Scan scan, PolicyBook policies) {
    this(scan, policies, CalendarBook.standard(), UnitCalendars.none());
  }

  /**
   * @param scan visits the stored cases
   * @param policies SLA policies (for each case's policy calendar)
   * @param calendars the working calendars the policies and units name
   * @param unitCalendars the calendar each handling unit keeps ({@code OrgUnit.calendarId})
   */
  public OpenCasesQuery(
      Scan scan, PolicyBook policies, CalendarBook calendars, UnitCalendars unitCalendars) {
    this(scan, policies, calendars, unitCalendars, Duration.ZERO);
  }

  /**
   * @param scan visits the stored cases
   * @param policies SLA policies (for each case's policy calendar)
   * @param calendars the working calendars the policies and units name
   * @param unitCalendars the calendar each handling unit keeps ({@code OrgUnit.calendarId})
   * @param freshness how long {@link #page} reuses one scan (wall time); zero scans for every page.
   *     A case resolved in the engine leaves the pages at most this much later.
   * @throws IllegalArgumentException when freshness is negative
   */
  public OpenCasesQuery(
      Scan scan,
      PolicyBook policies,
      CalendarBook calendars,
      UnitCalendars unitCalendars,
      Duration freshness) {
    if (freshness.isNegative()) {
      throw new IllegalArgumentException("freshness: must not be negative, was " + freshness);
    }
    this.freshness = freshness;
    this.scan = Objects.requireNonNull(scan, "scan");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.unitCalendars = Objects.requireNonNull(unitCalendars, "unitCalendars");
    this.ladder = new EscalationLadder(policies, calendars);
  }

  /**
   * A query over a running engine's local case-store partitions and its org-unit store.
   *
   * @param streams the engine's KafkaStreams
   * @param policies SLA policies the engine runs with
   * @return the query (on the bundled calendars, as the engine's), reusing one scan of the store
   *     for {@link #ENGINE_FRESHNESS}
   */
  public static OpenCasesQuery over(KafkaStreams streams, PolicyBook policies) {
    Objects.requireNonNull(streams, "streams");
    Scan scan =
        visitor -> {
          requireRunning(streams);
          ReadOnlyKeyValueStore<String, CaseState> store;
          try {
            store =
                streams.store(
                    StoreQueryParameters.fromNameAndType(
                        SlaTopology.CASE_STORE, QueryableStoreTypes.keyValueStore()));
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "case store not queryable now (" + streams.state() + "): " + e.getMessage(), e);
          }
          try (KeyValueIterator<String, CaseState> it = store.all()) {
            while (it.hasNext()) {
              KeyValue<String, CaseState> kv = it.next();
              if (kv.value != null) {
                visitor.accept(kv.value);
              }
            }
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "case store went away during the scan (rebalancing): " + e.getMessage(), e);
          }
        };
    UnitCalendars units =
        (unitId, at) -> {
          try {
            ReadOnlyKeyValueStore<String, OrgUnit> store =
                streams.store(
                    StoreQueryParameters.fromNameAndType(
                        SlaTopology.ORG_UNITS_STORE, QueryableStoreTypes.keyValueStore()));
            return new GlobalStoreOrgDirectory(store)
                .unit(unitId, at)
                .map(OrgUnit::getCalendarId)
                .filter(Objects::nonNull);
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "org-unit store not queryable now: " + e.getMessage(), e);
          }
        };
    return new OpenCasesQuery(scan, policies, CalendarBook.standard(), units, ENGINE_FRESHNESS);
  }

  private static void requireRunning(KafkaStreams streams) {
    KafkaStreams.State s = streams.state();
    if (s != KafkaStreams.State.RUNNING) {
      throw new CaseStatusUnavailableException(
          "SLA engine is " + s + ", not RUNNING; case store not queryable now", null);
    }
  }

  /**
   * @param units handling units whose cases are wanted, or null for every unit
   * @return the open cases (not RESOLVED, REJECTED or WITHDRAWN in the engine's state) of those
   *     units in the local partitions, in store order
   * @throws CaseStatusUnavailableException while the engine starts, restores or rebalances (retry)
   */
  public List<OpenCase> open(Set<String> units) {
    List<OpenCase> out = new ArrayList<>();
    scan.forEach(
        s -> {
          if (units != null && !units.contains(s.getUnitId())) {
            return;
          }
          OpenCase.of(s, policyCalendar(s.getPolicyId()), lastAlert(s)).ifPresent(out::add);
        });
    return out;
  }

  /**
   * One page of the open cases in the request's scope that match its filters.
   *
   * @param r the request
   * @return the page (empty rows beyond the last page; {@code total} still counts every match)
   * @throws CaseStatusUnavailableException while the engine starts, restores or rebalances (retry)
   */
  public Page page(Request r) {
    Objects.requireNonNull(r, "request");
    Instant now = r.now();
    Map<String, Optional<String>> unitCalendar = new HashMap<>();
    Map<String, Instant> bandEnd = new HashMap<>();
    List<Candidate> matches = new ArrayList<>();
    for (Entry e : openCases()) {
      OpenCase c = e.openCase();
      String unit = c.unitId();
      if (r.scope() != null && !r.scope().contains(unit)
          || r.unitId() != null && !r.unitId().equals(unit)
          || r.category() != null && !r.category().equals(c.category())
          || r.level() != null && r.level() != c.escalationLevel()
          || r.excludeCaseIds().contains(c.caseId())) {
        continue;
      }
      String cal =
          unitCalendar
              .computeIfAbsent(
                  unit, u -> unitCalendars.calendarOf(u, now).filter(calendars::contains))
              .orElseGet(() -> fallbackCalendar(c, e.clockCalendarId()));
      boolean running = c.dueAt() != null && !c.suspended();
      boolean overdue = running && !c.dueAt().isAfter(now);
      boolean atRisk =
          running
              && !overdue
              && !c.dueAt()
                  .isAfter(
                      bandEnd.computeIfAbsent(
                          cal,
                          id ->
                              DeadlineArithmetic.addWorkingTime(
                                  now, r.atRisk(), calendars.get(id))));
      if (r.band() == Band.OVERDUE && !overdue || r.band() == Band.AT_RISK && !atRisk) {
        continue;
      }
      matches.add(new Candidate(c, cal, overdue, atRisk));
    }
    matches.sort(order(r.sort()));
    long from = (long) (r.page() - 1) * r.size();
    List<Row> rows = new ArrayList<>();
    for (long i = from; i < matches.size() && i < from + r.size(); i++) {
      rows.add(row(matches.get((int) i), now));
    }
    return new Page(List.copyOf(rows), matches.size(), r.page(), r.size());
  }

  /** Calendar when the unit has none of its own: the policy's, else the clock's, else civil. */
  private String fallbackCalendar(OpenCase c, String clockCalendarId) {
    if (calendars.contains(c.policyCalendarId())) {
      return c.policyCalendarId();
    }
    if (clockCalendarId != null && calendars.contains(clockCalendarId)) {
      return clockCalendarId;
    }
    return Calendars.CIVIL_SERVICE;
  }

  /**
   * The open cases of the local partitions, from a scan at most {@link #freshness} old. Decoding
   * every stored case is the whole cost of a page (about 7 µs per case, 0.7 s for 10^5 cases:
   * docs/benchmarks.md, Cockpit page), so pages, filters and sorts asked within the freshness share
   * one scan; one caller scans while the others wait for its result.
   */
  private List<Entry> openCases() {
    if (freshness.isZero()) {
      return scanOpen();
    }
    Snapshot s = snapshot;
    if (s != null && System.nanoTime() - s.takenNanos() < freshness.toNanos()) {
      return s.entries();
    }
    synchronized (this) {
      s = snapshot;
      if (s == null || System.nanoTime() - s.takenNanos() >= freshness.toNanos()) {
        List<Entry> entries = scanOpen();
        // stamped after the scan: a scan slower than the freshness is still reused once
        s = new Snapshot(entries, System.nanoTime());
        snapshot = s;
      }
      return s.entries();
    }
  }

  private List<Entry> scanOpen() {
    List<Entry> out = new ArrayList<>();
    scan.forEach(
        s ->
            OpenCase.of(s, policyCalendar(s.getPolicyId()), lastAlert(s))
                .ifPresent(
                    c ->
                        out.add(
                            new Entry(
                                c, s.getClock() == null ? null : s.getClock().getCalendarId()))));
    return List.copyOf(out);
  }

  /**
   * The case's latest alert from its state (the cockpit's feed keeps only a recent window of
   * alerts; the engine's state keeps them all), or null when none or the policy left the book.
   */
  private OpenCase.LastAlert lastAlert(CaseState s) {
    if (s.getEmittedAlertKeys().isEmpty() || s.getClock() == null) {
      return null; // the common case costs no ladder evaluation
    }
    try {
      return ladder
          .lastEmitted(s)
          .map(p -> new OpenCase.LastAlert(p.alertId(), p.kind().name(), p.level(), p.at()))
          .orElse(null);
    } catch (IllegalStateException e) {
      return null; // a policy no longer in the book: the row shows its level without an alert
    }
  }

  /**
   * The open case with this id in the local partitions, from a scan at most the freshness old.
   *
   * @param caseId a case id
   * @return the open case, or empty when unknown here or closed
   * @throws CaseStatusUnavailableException while the engine starts, restores or rebalances (retry)
   */
  public Optional<OpenCase> find(String caseId) {
    Objects.requireNonNull(caseId, "caseId");
    for (Entry e : openCases()) {
      if (caseId.equals(e.openCase().caseId())) {
        return Optional.of(e.openCase());
      }
    }
    return Optional.empty();
  }

  private static Comparator<Candidate> order(Sort sort) {
    Comparator<Candidate> due =
        Comparator.comparing(
            (Candidate x) -> x.c().dueAt(), Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<Candidate> first =
        switch (sort) {
          case DUE -> due;
          case LEVEL ->
              Comparator.comparingInt((Candidate x) -> x.c().escalationLevel())
                  .reversed()
                  .thenComparing(due);
          case UNIT -> Comparator.comparing((Candidate x) -> x.c().unitId()).thenComparing(due);
        };
    return first.thenComparing(x -> x.c().caseId());
  }

  private Row row(Candidate x, Instant now) {
    OpenCase c = x.c();
    if (c.dueAt() == null || c.suspended()) {
      return new Row(c, x.calendarId(), false, false, null, null);
    }
    WorkingCalendar cal = calendars.get(x.calendarId());
    Duration working =
        x.overdue()
            ? DeadlineArithmetic.workingTimeBetween(c.dueAt(), now, cal).negated()
            : DeadlineArithmetic.workingTimeBetween(now, c.dueAt(), cal);
    Long days = null;
    if (c.dayBased()) {
      days =
          x.overdue()
              ? -DeadlineArithmetic.workingDaysBetween(c.dueAt(), now, cal)
              : DeadlineArithmetic.workingDaysBetween(now, c.dueAt(), cal);
    }
    return new Row(c, x.calendarId(), x.overdue(), x.atRisk(), days, working.toMinutes());
  }

  private String policyCalendar(String policyId) {
    if (policyId == null) {
      return null;
    }
    String c = policyCalendars.get(policyId);
    if (c == null) {
      c = policies.byId(policyId).map(SlaPolicy::calendarId).orElse("");
      policyCalendars.put(policyId, c);
    }
    return c.isEmpty() ? null : c;
  }
}
