package vn.onestop.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of a {@link vn.onestop.intake.status.CaseStatusView} between engine instances and
 * intakes ({@code GET /internal/v1/cases/{id}/status}): the record's components by name, instants
 * as ISO-8601 UTC strings. Unknown fields are ignored, so instances of two versions can answer each
 * other during a rolling upgrade.
 */
final class StatusJson {
  /** The shared mapper (thread-safe once configured). */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Path of the internal status endpoint, {@code {id}} standing for the case id. */
  static final String PATH = "/internal/v1/cases/{id}/status";

  /** Header marking a request one engine instance forwarded to another (never forwarded again). */
  static final String FORWARDED_HEADER = "X-OneStop-Forwarded";

  private StatusJson() {}
}
