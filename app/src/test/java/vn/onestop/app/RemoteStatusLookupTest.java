package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.query.CaseStatusElsewhereException;
import vn.onestop.sla.query.CaseStatusQuery;

/**
 * Case status across engine instances: the HTTP lookup an intake and a forwarding instance use (200
 * → the view, 404 → empty, 503 or nobody reachable → unavailable), and an instance forwarding a
 * case another instance owns, once, marked as forwarded.
 */
class RemoteStatusLookupTest {
  private static final CaseStatusView VIEW =
      new CaseStatusView(
          "c-1",
          "ACCEPTED",
          "KHIEU_NAI",
          "ubnd-phuong-1",
          "RESOLUTION",
          Instant.parse("2026-12-31T16:59:59Z"),
          null,
          Instant.parse("2026-12-31T16:59:59Z"),
          1,
          false);

  private static final InternalKey KEY = InternalKey.of("test-internal-key-0123456789");

  private Javalin owner;
  private volatile String forwardedHeader;

  @BeforeEach
  void startOwner() {
    owner =
        Javalin.create(
                c -> {
                  c.startup.showJavalinBanner = false;
                  c.jetty.host = "127.0.0.1";
                  c.jetty.port = 0;
                  c.routes.get(
                      StatusJson.PATH,
                      ctx -> {
                        if (OpsServer.refusal(Optional.of(KEY), ctx.header(InternalKey.HEADER))
                            != null) {
                          ctx.status(401).result("no internal key");
                          return;
                        }
                        forwardedHeader = ctx.header(StatusJson.FORWARDED_HEADER);
                        switch (ctx.pathParam("id")) {
                          case "c-1" ->
                              ctx.contentType("application/json")
                                  .result(StatusJson.MAPPER.writeValueAsString(VIEW));
                          case "busy" -> ctx.status(503).result("rebalancing");
                          default -> ctx.status(404).result("not processed");
                        }
                      });
                })
            .start();
  }

  @AfterEach
  void stopOwner() {
    owner.stop();
  }

  private URI ownerUrl() {
    return URI.create("http://127.0.0.1:" + owner.port());
  }

  @Test
  void answersFromTheFirstInstanceThatAnswersAndPassesTheViewThrough() throws Exception {
    RemoteStatusLookup lookup =
        new RemoteStatusLookup(
            List.of(URI.create("http://127.0.0.1:" + deadPort()), ownerUrl()), false, KEY);

    assertThat(lookup.find("c-1")).contains(VIEW);
    assertThat(forwardedHeader).isNull();
    assertThat(lookup.find("c-unknown")).isEmpty();
    assertThatThrownBy(() -> lookup.find("busy"))
        .isInstanceOf(StatusUnavailableException.class)
        .hasMessage("rebalancing");
  }

  @Test
  void noInstanceReachableIsUnavailableNeverAGuess() throws Exception {
    int port = deadPort();
    RemoteStatusLookup lookup =
        new RemoteStatusLookup(List.of(URI.create("http://127.0.0.1:" + port)), false, KEY);

    assertThatThrownBy(() -> lookup.find("c-1"))
        .isInstanceOf(StatusUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("unreachable");
  }

  @Test
  void anInstanceForwardsACaseItDoesNotOwnToTheOwnerOnceAndNotAgain() throws Exception {
    CaseStatusQuery elsewhere = ownedByTheOwner();
    EngineStatusLookup lookup = new EngineStatusLookup(elsewhere, Optional.of(KEY));

    assertThat(lookup.find("c-1")).contains(VIEW);
    assertThat(forwardedHeader).isEqualTo("1");
    assertThatThrownBy(() -> lookup.localOnly().find("c-1"))
        .isInstanceOf(StatusUnavailableException.class)
        .hasMessageContaining("rebalancing");
  }

  @Test
  void engineUrlsAreParsedAndOnlyHttpIsAccepted() {
    assertThat(RemoteStatusLookup.parse(" http://e1:8070/, http://e2:8070 "))
        .containsExactly(URI.create("http://e1:8070"), URI.create("http://e2:8070"));
    assertThatThrownBy(() -> new RemoteStatusLookup(List.of(URI.create("ftp://e1")), false, KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)://host:port");
    assertThatThrownBy(() -> new RemoteStatusLookup(List.of(), false, KEY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theInternalStatusEndpointAnswersOnlyCallersWithTheSharedKeyAndForwardsIt() throws Exception {
    CaseStatusQuery elsewhere = ownedByTheOwner();
    AtomicReference<EngineStatusLookup> status =
        new AtomicReference<>(new EngineStatusLookup(elsewhere, Optional.of(KEY)));
    try (Cluster c = Cluster.external("127.0.0.1:1", "http://127.0.0.1:1");
        Operations ops = new Operations(c);
        OpsServer instance = new OpsServer("127.0.0.1", 0, ops, status, Optional.of(KEY));
        OpsServer keyless =
            new OpsServer("127.0.0.1", 0, ops, status, Optional.<InternalKey>empty())) {
      String path = "/internal/v1/cases/c-1/status";
      HttpResponse<String> none = get(instance.port(), path, null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(none.body()).contains(InternalKey.HEADER);
      HttpResponse<String> wrong = get(instance.port(), path, "another-key-0123456789");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("another-key").doesNotContain(KEY.value());
      assertThat(forwardedHeader).as("nothing was asked of the owner").isNull();

      // With the key: the instance forwards to the owner, carrying the key, and answers its view.
      HttpResponse<String> ok = get(instance.port(), path, KEY.value());
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(StatusJson.MAPPER.readValue(ok.body(), CaseStatusView.class)).isEqualTo(VIEW);
      assertThat(forwardedHeader).isEqualTo("1");

      // An instance without a key answers no one, even a caller with a key.
      HttpResponse<String> closed = get(keyless.port(), path, KEY.value());
      assertThat(closed.statusCode()).isEqualTo(401);
      assertThat(closed.body()).contains(InternalKey.ENV);
      assertThat(get(keyless.port(), "/health/live", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aLookupWithTheWrongKeyIsUnavailableNamingTheVariable() {
    RemoteStatusLookup lookup =
        new RemoteStatusLookup(
            List.of(ownerUrl()), false, InternalKey.of("some-other-key-0123456789"));
    assertThatThrownBy(() -> lookup.find("c-1"))
        .isInstanceOf(StatusUnavailableException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining(InternalKey.ENV);
    assertThatThrownBy(() -> InternalKey.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(InternalKey.ENV)
        .hasMessageNotContaining("short");
  }

  private static HttpResponse<String> get(int port, String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header(InternalKey.HEADER, key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A status query of an instance for which every case is owned by {@link #owner}. */
  private CaseStatusQuery ownedByTheOwner() {
    return new CaseStatusQuery(
        caseId -> {
          throw new CaseStatusElsewhereException(caseId, "127.0.0.1", owner.port());
        },
        (unitId, at) -> Optional.empty(),
        PolicyBook.defaults());
  }

  private static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
