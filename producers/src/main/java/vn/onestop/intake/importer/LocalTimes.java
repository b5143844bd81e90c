package vn.onestop.intake.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parses local date-times of a source system into UTC instants. A local time inside a daylight-
 * saving gap does not exist and is rejected; a time in the repeated autumn hour takes the earlier
 * offset (java.time's rule, documented rather than guessed per row).
 */
public final class LocalTimes {
  private final ZoneId zone;
  private final List<DateTimeFormatter> formats;

  /**
   * @param zone source zone, e.g. America/New_York
   * @param patterns accepted patterns (US locale), tried in order
   */
  public LocalTimes(ZoneId zone, String... patterns) {
    this.zone = zone;
    this.formats =
        java.util.Arrays.stream(patterns)
            .map(p -> DateTimeFormatter.ofPattern(p, Locale.US))
            .toList();
  }

  /**
   * @param column column name (for the message)
   * @param value raw value, non-null
   * @return the instant
   * @throws RowRejected {@code unparseable date} or {@code nonexistent local time}
   */
  public Instant parse(String column, String value) throws RowRejected {
    LocalDateTime local = null;
    for (DateTimeFormatter f : formats) {
      try {
        local = LocalDateTime.parse(value, f);
        break;
      } catch (DateTimeParseException e) {
        // try the next pattern
      }
    }
    if (local == null) {
      throw new RowRejected("unparseable date", column + "=" + RowRejected.quoted(value));
    }
    ZonedDateTime z = ZonedDateTime.ofLocal(local, zone, null);
    if (!z.toLocalDateTime().equals(local)) {
      throw new RowRejected(
          "nonexistent local time",
          column
              + "="
              + RowRejected.quoted(value)
              + " falls in a "
              + zone
              + " daylight-saving gap");
    }
    try {
      return z.toInstant();
    } catch (DateTimeException e) {
      throw new RowRejected("unparseable date", column + "=" + RowRejected.quoted(value));
    }
  }
}
