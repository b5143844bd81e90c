package vn.onestop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onestop cases reveal CASE_ID --reason TEXT}: the controlled reveal of a case's denouncer
 * or complainant identity, through the running intake ({@code POST
 * /api/v1/cases/{id}/identity/reveal}), so the same checks apply as on the API: the key's principal
 * must be an OFFICER or UNIT_HEAD whose scope covers the case, and the {@code IdentityRevealed}
 * event is written to {@code case-events} before the identity is printed. Exit 0 with the identity
 * on stdout; 1 with the intake's reason on stderr (403 out of scope, 404, 503 ...); 2 for a usage
 * error.
 */
@Command(
    name = "cases",
    mixinStandardHelpOptions = true,
    description = "Case operations of officials (the controlled identity reveal).",
    subcommands = {CasesCommand.Reveal.class})
final class CasesCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description =
          "Decrypt the identity of a case's denouncer or complainant (OFFICER or UNIT_HEAD in "
              + "scope only); the reveal is recorded in case-events (who, when, why) first.")
  static final class Reveal implements Callable<Integer> {
    @Parameters(paramLabel = "CASE_ID", description = "The case id.")
    String caseId;

    @Option(
        names = "--reason",
        required = true,
        description = "Why the identity is needed (recorded in the IdentityRevealed event).")
    String reason;

    @Option(
        names = "--intake",
        defaultValue = "${env:ONESTOP_INTAKE_URL:-http://127.0.0.1:8080}",
        description = "Base URL of the running intake (default: ${DEFAULT-VALUE}).")
    String intake;

    @Option(
        names = "--api-key",
        defaultValue = "${env:ONESTOP_API_KEY}",
        description = "The official's API key (default: environment variable ONESTOP_API_KEY).")
    String apiKey;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (apiKey == null || apiKey.isBlank()) {
        System.err.println("onestop cases reveal: no API key (--api-key or ONESTOP_API_KEY)");
        return 2;
      }
      String body = JSON.createObjectNode().put("reason", reason).toString();
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create(
                      intake.replaceAll("/+$", "")
                          + "/api/v1/cases/"
                          + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20")
                          + "/identity/reveal"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-API-Key", apiKey)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> r;
      try {
        r =
            HttpClient.newHttpClient()
                .send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        System.err.println(
            "onestop cases reveal: cannot reach the intake at " + intake + ": " + e.getMessage());
        return 1;
      }
      JsonNode n;
      try {
        n = JSON.readTree(r.body());
      } catch (IOException e) {
        n = null;
      }
      if (r.statusCode() != 200 || n == null) {
        String detail = n == null ? r.body() : n.path("detail").asText(r.body());
        System.err.println("onestop cases reveal: HTTP " + r.statusCode() + ": " + detail);
        return 1;
      }
      JsonNode id = n.path("identity");
      System.out.printf("Case       %s%n", n.path("caseId").asText());
      for (String f : new String[] {"fullName", "phone", "email", "citizenId", "address"}) {
        if (id.hasNonNull(f)) {
          System.out.printf("%-10s %s%n", f, id.get(f).asText());
        }
      }
      System.out.printf(
          "Recorded   IdentityRevealed event %s (key %s)%n",
          n.path("revealEventId").asText(), n.path("keyId").asText());
      return 0;
    }
  }
}
