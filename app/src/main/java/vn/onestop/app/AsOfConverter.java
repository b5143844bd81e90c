package vn.onestop.app;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --as-of}: the moment a source system produced an export. Accepted: an ISO-8601
 * instant ({@code 2015-12-31T23:59:59Z}), a date-time with offset ({@code
 * 2015-12-31T18:59:59-05:00}), or a local date-time without offset, read in Asia/Ho_Chi_Minh
 * ({@code 2016-01-01T06:59:59}). A bare date is refused: "as of 31/12" does not say whether the day
 * is included.
 */
final class AsOfConverter implements ITypeConverter<Instant> {
  /** The expected format, for the option's help and its error line. */
  static final String FORMAT =
      "an ISO-8601 instant such as 2015-12-31T23:59:59Z or 2015-12-31T18:59:59-05:00, or a local"
          + " date-time such as 2016-01-01T06:59:59 in Asia/Ho_Chi_Minh";

  private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(value).atZone(ZONE).toInstant();
      } catch (DateTimeParseException notLocal) {
        throw new TypeConversionException("'" + value + "' is not " + FORMAT);
      }
    }
  }
}
