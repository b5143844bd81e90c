package vn.onestop.sla.calendar;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registry of the working calendars known to the engine, by id. All calendars use {@link #ZONE}.
 *
 * <ul>
 *   <li>{@value #CIVIL_SERVICE}: Monday–Friday, 08:00–12:00 and 13:00–17:00, civil-service holidays
 *       (Labour Code 2019 arts. 111–112 and the yearly notices).
 *   <li>{@value #ONE_STOP_SATURDAY_MORNING}: the same plus Saturday 08:00–12:00 at one-stop
 *       counters (Hanoi practice, docs/law.md); a Saturday counts for working-HOUR clocks only, not
 *       as a working day of day-based clocks (OQ6, a policy choice).
 *   <li>{@value #ONE_STOP_SATURDAY_WORKING_DAY}: as the previous one, but a Saturday also counts as
 *       a working day for day-based clocks (the other answer to OQ6, for units that choose it).
 * </ul>
 */
public final class Calendars {

  /** The time zone of every calendar and of every local date in the engine. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** Id of the Monday–Friday civil-service calendar. */
  public static final String CIVIL_SERVICE = "vn-civil-service";

  /** Id of the one-stop counter calendar with Saturday-morning hours. */
  public static final String ONE_STOP_SATURDAY_MORNING = "vn-one-stop-saturday-morning";

  /** Id of the one-stop counter calendar whose Saturdays also count as working days. */
  public static final String ONE_STOP_SATURDAY_WORKING_DAY = "vn-one-stop-saturday-working-day";

  private Calendars() {}

  /**
   * @param id a calendar id
   * @return the calendar
   * @throws IllegalArgumentException naming the unknown id and the known ones
   */
  public static WorkingCalendar get(String id) {
    WorkingCalendar c = Holder.REGISTRY.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown calendar id '" + id + "'; known: " + ids());
    }
    return c;
  }

  /**
   * @return the known calendar ids, sorted
   */
  public static List<String> ids() {
    return List.copyOf(Holder.REGISTRY.keySet());
  }

  /**
   * @return the {@value #CIVIL_SERVICE} calendar
   */
  public static WorkingCalendar civilService() {
    return get(CIVIL_SERVICE);
  }

  /**
   * The standard calendars over the given holiday data (e.g. data loaded from files).
   *
   * @param data holiday data
   * @return calendars by id
   */
  public static Map<String, WorkingCalendar> standardCalendars(HolidayCalendarData data) {
    Map<String, WorkingCalendar> m = new TreeMap<>();
    m.put(CIVIL_SERVICE, WorkingCalendar.builder(CIVIL_SERVICE, data).build());
    m.put(
        ONE_STOP_SATURDAY_MORNING,
        WorkingCalendar.builder(ONE_STOP_SATURDAY_MORNING, data)
            .saturdayHours(List.of(WorkingWindow.MORNING))
            .build());
    m.put(
        ONE_STOP_SATURDAY_WORKING_DAY,
        WorkingCalendar.builder(ONE_STOP_SATURDAY_WORKING_DAY, data)
            .saturdayHours(List.of(WorkingWindow.MORNING))
            .saturdayCountsAsWorkingDay(true)
            .build());
    return Map.copyOf(m);
  }

  /** Lazy holder: the bundled data are read on first use. */
  private static final class Holder {
    static final Map<String, WorkingCalendar> REGISTRY =
        Collections.unmodifiableMap(
            new TreeMap<>(standardCalendars(HolidayCalendarData.standard())));
  }
}
