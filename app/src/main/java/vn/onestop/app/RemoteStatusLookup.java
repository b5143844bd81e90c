package vn.onestop.app;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;

/**
 * Reads case status over HTTP from SLA engine instances ({@code GET
 * <engine>/internal/v1/cases/{id}/status} on an engine's health/metrics port): what a standalone
 * {@code onestop intake} uses, and what an engine instance uses to forward a query for a case whose
 * partition another instance owns. Any instance answers for any case (it forwards to the owner), so
 * the engine URLs are tried in order only until one answers.
 *
 * <p>Every request carries the shared {@value InternalKey#ENV} in header {@value
 * InternalKey#HEADER}. Answers: 200 → the view; 404 → empty (the engine has not processed the case
 * yet); 503 or no instance reachable within the timeout → {@link StatusUnavailableException} (the
 * intake answers 503 with Retry-After). Never guesses a status.
 */
final class RemoteStatusLookup implements CaseStatusLookup {
  /** Connect limit of one request: an instance that is gone is skipped quickly. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Answer limit of one request (an instance busy restoring or a cold JVM may be slow). */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<URI> engines;
  private final boolean forwarded;
  private final InternalKey key;

  /** One client for every lookup of the process (its threads and connections are shared). */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * @param engines base URLs of engine instances, e.g. {@code http://engine:8070}; at least one
   * @param forwarded true when this is one engine instance forwarding to another: the request is
   *     marked so the owner does not forward it again
   * @param key the shared {@value InternalKey#ENV}, sent in header {@value InternalKey#HEADER} (the
   *     engines answer 401 without it)
   * @throws IllegalArgumentException if the list is empty or a URL is not http(s)
   */
  RemoteStatusLookup(List<URI> engines, boolean forwarded, InternalKey key) {
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("at least one engine URL is required");
    }
    for (URI u : engines) {
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new IllegalArgumentException("engine URL must be http(s)://host:port, got " + u);
      }
    }
    this.engines = List.copyOf(engines);
    this.forwarded = forwarded;
    this.key = java.util.Objects.requireNonNull(key, "key");
  }

  /**
   * @param urls comma-separated base URLs, e.g. {@code http://e1:8070,http://e2:8070}
   * @return the URLs
   * @throws IllegalArgumentException naming the value if one is not a URL
   */
  static List<URI> parse(String urls) {
    try {
      return java.util.Arrays.stream(urls.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
          .toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--engine-url: not a URL list: " + urls, e);
    }
  }

  @Override
  public Optional<CaseStatusView> find(String caseId) throws StatusUnavailableException {
    String path =
        StatusJson.PATH.replace("{id}", URLEncoder.encode(caseId, StandardCharsets.UTF_8));
    String last = "no engine instance answered";
    for (URI engine : engines) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(engine + path))
              .timeout(TIMEOUT)
              .header(InternalKey.HEADER, key.value())
              .GET();
      if (forwarded) {
        request.header(StatusJson.FORWARDED_HEADER, "1");
      }
      HttpResponse<String> response;
      try {
        response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last =
            "engine instance "
                + engine.getAuthority()
                + " unreachable: "
                + e.getClass().getSimpleName();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StatusUnavailableException("interrupted while asking the SLA engine", e);
      }
      switch (response.statusCode()) {
        case 200 -> {
          try {
            return Optional.of(StatusJson.MAPPER.readValue(response.body(), CaseStatusView.class));
          } catch (IOException e) {
            throw new StatusUnavailableException(
                "engine instance " + engine.getAuthority() + " sent an unreadable status", e);
          }
        }
        case 404 -> {
          return Optional.empty();
        }
        case 401 ->
            last =
                "engine instance "
                    + engine.getAuthority()
                    + " refused the internal key (HTTP 401): give every engine instance and intake"
                    + " the same "
                    + InternalKey.ENV;
        case 503 -> {
          // The instance answered but cannot tell now (rebalancing, owner unreachable).
          throw new StatusUnavailableException(response.body().strip());
        }
        default ->
            last =
                "engine instance "
                    + engine.getAuthority()
                    + " answered HTTP "
                    + response.statusCode();
      }
    }
    throw new StatusUnavailableException(last);
  }
}
