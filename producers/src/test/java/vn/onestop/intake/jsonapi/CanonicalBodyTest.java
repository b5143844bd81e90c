package vn.onestop.intake.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key body hash is taken over a canonical form: key order does not matter. */
class CanonicalBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keyOrderAndWhitespaceDoNotChangeTheCanonicalBody() throws Exception {
    String a =
        CaseApi.canonical(
            JSON.readTree(
                "{\"category\":\"PHAN_ANH\",\"unitId\":\"u\",\"location\":{\"lat\":1,\"address\":\"x\"}}"));
    String b =
        CaseApi.canonical(
            JSON.readTree(
                "{ \"location\": {\"address\":\"x\", \"lat\":1}, \"unitId\":\"u\", \"category\":\"PHAN_ANH\" }"));
    assertThat(a).isEqualTo(b);
    assertThat(CaseApi.canonical(JSON.readTree("{\"unitId\":\"v\",\"category\":\"PHAN_ANH\"}")))
        .isNotEqualTo(a);
  }
}
