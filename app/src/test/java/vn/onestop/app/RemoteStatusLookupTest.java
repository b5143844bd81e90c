package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
            List.of(URI.create("http://127.0.0.1:" + deadPort()), ownerUrl()), false);

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
        new RemoteStatusLookup(List.of(URI.create("http://127.0.0.1:" + port)), false);

    assertThatThrownBy(() -> lookup.find("c-1"))
        .isInstanceOf(StatusUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("unreachable");
  }

  @Test
  void anInstanceForwardsACaseItDoesNotOwnToTheOwnerOnceAndNotAgain() throws Exception {
    CaseStatusQuery elsewhere =
        new CaseStatusQuery(
            caseId -> {
              throw new CaseStatusElsewhereException(caseId, "127.0.0.1", owner.port());
            },
            (unitId, at) -> Optional.empty(),
            PolicyBook.defaults());
    EngineStatusLookup lookup = new EngineStatusLookup(elsewhere);

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
    assertThatThrownBy(() -> new RemoteStatusLookup(List.of(URI.create("ftp://e1")), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)://host:port");
    assertThatThrownBy(() -> new RemoteStatusLookup(List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
