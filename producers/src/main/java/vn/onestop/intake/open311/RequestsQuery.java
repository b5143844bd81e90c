package vn.onestop.intake.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.ProblemException;
import vn.onestop.intake.readmodel.CaseSummary;

/**
 * The filters of {@code GET /open311/v2/requests.{fmt}} (GeoReport v2 §6).
 *
 * <ul>
 *   <li>{@code service_request_id}: comma-separated ids; when given, every other filter is ignored.
 *   <li>{@code service_code}: comma-separated codes.
 *   <li>{@code start_date}, {@code end_date}: W3C date-times with an offset, on requested_datetime;
 *       at most 90 days apart. Only one given: the other is 90 days away. Neither: the last 90
 *       days.
 *   <li>{@code status}: {@code open}, {@code closed} or both, comma-separated.
 * </ul>
 *
 * At most {@value #LIMIT} requests are returned, newest first.
 *
 * @param ids requested ids, or null
 * @param serviceCodes codes, or null for all
 * @param from inclusive lower bound on requested_datetime
 * @param to inclusive upper bound on requested_datetime
 * @param statuses subset of {open, closed}, or null for both
 */
public record RequestsQuery(
    Set<String> ids, Set<String> serviceCodes, Instant from, Instant to, Set<String> statuses) {
  /** Maximum number of requests in one answer. */
  public static final int LIMIT = 1000;

  /** Longest date range. */
  public static final Duration MAX_RANGE = Duration.ofDays(90);

  /**
   * @param param query parameter lookup (blank values count as absent)
   * @param now current instant (for the default range)
   * @return the query
   * @throws ProblemException 400 naming each bad parameter
   */
  public static RequestsQuery parse(Function<String, String> param, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> ids = list(param.apply("service_request_id"));
    Set<String> codes = list(param.apply("service_code"));
    Instant start = date(param.apply("start_date"), "start_date", errors);
    Instant end = date(param.apply("end_date"), "end_date", errors);
    Set<String> statuses = list(param.apply("status"));
    if (statuses != null) {
      for (String s : statuses) {
        if (!s.equals("open") && !s.equals("closed")) {
          errors.add(
              new FieldError("status", "must be open, closed or open,closed; got '" + s + "'"));
        }
      }
    }
    if (start == null && end == null) {
      end = now;
      start = now.minus(MAX_RANGE);
    } else if (start == null) {
      start = end.minus(MAX_RANGE);
    } else if (end == null) {
      end = start.plus(MAX_RANGE);
    }
    if (ids == null && errors.isEmpty()) {
      if (end.isBefore(start)) {
        errors.add(new FieldError("end_date", "must not be before start_date"));
      } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
        errors.add(
            new FieldError("end_date", "start_date and end_date may be at most 90 days apart"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors).toException();
    }
    return new RequestsQuery(ids, codes, start, end, statuses);
  }

  /**
   * @param isOpen whether a case counts as open: the SLA engine's state, the one owner of case
   *     status (it knows which actions it refused)
   * @return the filter this query applies to the read model
   */
  public Predicate<CaseSummary> filter(Predicate<CaseSummary> isOpen) {
    if (ids != null) {
      return c -> ids.contains(c.caseId());
    }
    return c ->
        (serviceCodes == null
                || (c.serviceCode() != null && serviceCodes.contains(c.serviceCode())))
            && !c.requestedAt().isBefore(from)
            && !c.requestedAt().isAfter(to)
            && (statuses == null || statuses.contains(isOpen.test(c) ? "open" : "closed"));
  }

  private static Set<String> list(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Set<String> out =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    return out.isEmpty() ? null : out;
  }

  private static Instant date(String value, String name, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              name, "must be a W3C date-time with a zone offset, e.g. 2015-04-14T06:37:38-08:00"));
      return null;
    }
  }
}
