package vn.onestop.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.core.FieldError;

class ProblemRendererTest {
  @Test
  void vietnameseMessagesAreSentAsUtf8() throws Exception {
    String message = "a denunciation (TO_CAO) needs a contact (Luật Tố cáo 2018, Art. 23)";
    Javalin app =
        Javalin.create(
                c -> {
                  c.startup.showJavalinBanner = false;
                  c.jetty.host = "127.0.0.1";
                  c.jetty.port = 0;
                  c.routes.get(
                      "/p",
                      ctx ->
                          ProblemRenderer.render(
                              ctx,
                              Problem.invalid(
                                  List.of(new FieldError("complainant.phone", message)))));
                })
            .start();
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/p"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(Problem.MEDIA_TYPE);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
    } finally {
      app.stop();
    }
  }
}
