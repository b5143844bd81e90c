package vn.onestop.intake.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.http.ProblemException;

class RequestsQueryTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void defaultsToTheLastNinetyDays() {
    RequestsQuery q = RequestsQuery.parse(Map.<String, String>of()::get, NOW);
    assertThat(q.to()).isEqualTo(NOW);
    assertThat(q.from()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
  }

  @Test
  void rejectsLongRangesBadDatesAndStatuses() {
    ProblemException e =
        (ProblemException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    RequestsQuery.parse(
                        Map.of(
                                "start_date",
                                "2015-01-01T00:00:00Z",
                                "end_date",
                                "2015-06-01T00:00:00Z")
                            ::get,
                        NOW));
    assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("end_date");
    assertThatThrownBy(() -> RequestsQuery.parse(Map.of("start_date", "2015-01-01")::get, NOW))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> RequestsQuery.parse(Map.of("status", "pending")::get, NOW))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void idsOverrideOtherFilters() {
    RequestsQuery q =
        RequestsQuery.parse(
            Map.of(
                    "service_request_id",
                    "a, b",
                    "status",
                    "closed",
                    "start_date",
                    "2015-01-01T00:00:00+07:00")
                ::get,
            NOW);
    assertThat(q.ids()).containsExactly("a", "b");
    assertThat(q.statuses()).containsExactly("closed");
  }
}
