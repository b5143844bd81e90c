package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Optional;
import vn.onestop.intake.core.IntakeRefusal;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.ProblemException;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;

/**
 * The answers the JSON API's case endpoints ({@link CaseApi}, {@link CaseViewsApi}) and the unit
 * directory ({@link UnitsApi}) share, so that each refusal maps to one status everywhere: a JSON
 * body, an intake refusal as 409 / 404 / 503, the SLA engine's status or a 503 with Retry-After.
 */
final class JsonApiAnswers {
  private JsonApiAnswers() {}

  /**
   * Writes a JSON answer (UTF-8).
   *
   * @param ctx the response
   * @param code HTTP status
   * @param body the JSON body
   */
  static void json(Context ctx, int code, JsonNode body) {
    ctx.status(code);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(body.toString());
  }

  /**
   * @param e what the intake refused
   * @param retryAfter Retry-After seconds of a 503
   * @return the problem: 409 for a reused Idempotency-Key, 404 for an unknown case, 503 with
   *     Retry-After while the read model is still loading
   */
  static ProblemException refused(IntakeRefusal e, int retryAfter) {
    return switch (e.kind()) {
      case IDEMPOTENCY_CONFLICT ->
          Problem.of(409, "idempotency-key-reused", "Conflict", e.getMessage()).toException();
      case UNKNOWN_CASE ->
          Problem.of(404, "unknown-case", "Not Found", e.getMessage()).toException();
      case NOT_READY -> Problem.unavailable(e.getMessage(), retryAfter).toException();
    };
  }

  /**
   * Asks the SLA engine's status.
   *
   * @param lookup the engine's status lookup
   * @param caseId the case
   * @param retryAfter Retry-After seconds of a 503
   * @return the status, empty when the engine has not processed the case
   * @throws ProblemException 503 with Retry-After when the status cannot be read now (the reason,
   *     or only the exception's class for an unexpected failure)
   */
  static Optional<CaseStatusView> status(CaseStatusLookup lookup, String caseId, int retryAfter) {
    try {
      return lookup.find(caseId);
    } catch (StatusUnavailableException e) {
      throw Problem.unavailable("case status is not available: " + e.getMessage(), retryAfter)
          .toException();
    } catch (RuntimeException e) {
      throw Problem.unavailable(
              "case status is not available: " + e.getClass().getSimpleName(), retryAfter)
          .toException();
    }
  }
}
