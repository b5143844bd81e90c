package vn.onestop.sla.calendar;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The working calendars the engine may use, by id: given to the case decider, the escalation ladder
 * and the KPI stage beside the {@code PolicyBook}, so no domain rule reads a hidden registry.
 * Immutable, thread-safe.
 */
public final class CalendarBook {
  private static final class Standard {
    static final CalendarBook BOOK =
        new CalendarBook(Calendars.standardCalendars(HolidayCalendarData.standard()));
  }

  private final Map<String, WorkingCalendar> calendars;

  /**
   * @param calendars calendars by id
   * @throws NullPointerException if the map, a key or a value is null
   */
  public CalendarBook(Map<String, WorkingCalendar> calendars) {
    this.calendars = Map.copyOf(new TreeMap<>(calendars));
  }

  /**
   * @return the bundled calendars ({@link Calendars#standardCalendars} over the bundled holiday
   *     data: {@value Calendars#CIVIL_SERVICE}, {@value Calendars#ONE_STOP_SATURDAY_MORNING},
   *     {@value Calendars#ONE_STOP_SATURDAY_WORKING_DAY}), loaded once
   */
  public static CalendarBook standard() {
    return Standard.BOOK;
  }

  /**
   * @param id a calendar id
   * @return the calendar
   * @throws IllegalArgumentException naming the unknown id and the known ones
   */
  public WorkingCalendar get(String id) {
    WorkingCalendar c = calendars.get(Objects.requireNonNull(id, "id"));
    if (c == null) {
      throw new IllegalArgumentException("unknown calendar id '" + id + "'; known: " + ids());
    }
    return c;
  }

  /**
   * @param id a calendar id
   * @return whether the book holds it
   */
  public boolean contains(String id) {
    return id != null && calendars.containsKey(id);
  }

  /**
   * @return the ids, sorted
   */
  public List<String> ids() {
    return calendars.keySet().stream().sorted().toList();
  }
}
