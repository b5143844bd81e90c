package vn.onestop.sla.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A span of working hours inside one local day, [start, end) in Asia/Ho_Chi_Minh wall-clock time.
 *
 * @param start opening time (inclusive)
 * @param end closing time (exclusive), after start, within the same day
 */
public record WorkingWindow(LocalTime start, LocalTime end) {

  /** Morning office hours of Vietnamese public bodies, 08:00–12:00. */
  public static final WorkingWindow MORNING =
      new WorkingWindow(LocalTime.of(8, 0), LocalTime.of(12, 0));

  /** Afternoon office hours, 13:00–17:00. */
  public static final WorkingWindow AFTERNOON =
      new WorkingWindow(LocalTime.of(13, 0), LocalTime.of(17, 0));

  /**
   * @throws NullPointerException if start or end is null
   * @throws IllegalArgumentException if end is not after start
   */
  public WorkingWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "working window end " + end + " must be after start " + start);
    }
  }
}
