package vn.onestop.intake.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The port of an HTTP intake channel: an adapter that turns its own wire format into the core's
 * commands ({@code vn.onestop.intake.core}) and answers in its own format. {@link IntakeServer}
 * takes any number of channels; adding one needs no change to the server (see the README, "Adding
 * an intake channel").
 *
 * <p>Errors: a handler throws {@link ProblemException} (or lets the core's {@code
 * InvalidFieldsException} through); the server asks the channel whose {@link #owns} accepts the
 * request path to {@link #renderError render} it, and renders RFC 9457 problem+json when none does.
 */
public interface HttpChannel {
  /**
   * Adds this channel's endpoints.
   *
   * @param routes the server's routes
   */
  void register(RoutesConfig routes);

  /**
   * @param path a request path, e.g. {@code /open311/v2/requests.xml}
   * @return true when errors on this path are rendered by {@link #renderError}; the default, false,
   *     leaves them to the server's problem+json
   */
  default boolean owns(String path) {
    return false;
  }

  /**
   * Writes an error answer in this channel's format. Called only for paths it {@link #owns}.
   *
   * @param ctx the response
   * @param problem status, detail, invalid fields and extra headers (e.g. Retry-After)
   */
  default void renderError(Context ctx, Problem problem) {
    ProblemRenderer.render(ctx, problem);
  }
}
