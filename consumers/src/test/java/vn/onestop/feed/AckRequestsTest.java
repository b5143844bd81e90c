package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.onestop.feed.AckRequests.InvalidAckException;

/** The acknowledge and snooze body rules: each refusal names the member, never the reason text. */
class AckRequestsTest {
  private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

  private static InvalidAckException snoozeError(String body) {
    try {
      AckRequests.snooze(body, NOW);
    } catch (InvalidAckException e) {
      return e;
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void anEmptyOrBlankAcknowledgeMeansTheLatestAlert() {
    assertThat(AckRequests.acknowledge(null).alertId()).isNull();
    assertThat(AckRequests.acknowledge("  ").alertId()).isNull();
    assertThat(AckRequests.acknowledge("{}").alertId()).isNull();
    assertThat(AckRequests.acknowledge("{\"alertId\":null}").alertId()).isNull();
    assertThat(AckRequests.acknowledge("{\"alertId\":\" a-17 \"}").alertId()).isEqualTo("a-17");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"alertId\":17}|alertId",
        "{\"alertId\":\"  \"}|alertId",
        "{\"alertId\":\"a\",\"actor\":\"someone-else\"}|actor",
        "{\"by\":\"x\"}|by",
        "{\"note\":\"x\"}|note",
        "[1,2]|body",
        "{not json|body",
        "\"text\"|body"
      })
  void aBadAcknowledgeNamesTheMember(String body, String field) {
    assertThatThrownBy(() -> AckRequests.acknowledge(body))
        .isInstanceOfSatisfying(
            InvalidAckException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void theActorIsNeverTakenFromTheBody() {
    assertThatThrownBy(() -> AckRequests.acknowledge("{\"actor\":\"cb-hk\"}"))
        .hasMessageContaining("authenticated principal");
  }

  @Test
  void anAlertIdLongerThan200CharactersIsRefused() {
    String body = "{\"alertId\":\"" + "a".repeat(201) + "\"}";
    assertThatThrownBy(() -> AckRequests.acknowledge(body))
        .isInstanceOfSatisfying(
            InvalidAckException.class, e -> assertThat(e.field()).isEqualTo("alertId"));
    assertThat(AckRequests.acknowledge("{\"alertId\":\"" + "a".repeat(200) + "\"}").alertId())
        .hasSize(200);
  }

  @Test
  void aSnoozeTakesAnInstantWithZOrAnOffsetAndATrimmedVietnameseReason() {
    AckRequests.Snooze s =
        AckRequests.snooze(
            "{\"until\":\"2026-03-05T17:00:00+07:00\",\"reason\":\"  Chờ ý kiến Sở Tư pháp \\n\"}",
            NOW);
    assertThat(s.until()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
    assertThat(s.reason()).isEqualTo("Chờ ý kiến Sở Tư pháp");
  }

  @Test
  void aSnoozeEndsStrictlyAfterNowAndAtMostSevenDaysLater() {
    assertThat(snoozeError("{\"until\":\"" + NOW + "\",\"reason\":\"r\"}").field())
        .isEqualTo("until");
    assertThat(snoozeError("{\"until\":\"" + NOW.minusSeconds(1) + "\",\"reason\":\"r\"}").field())
        .isEqualTo("until");
    Instant week = NOW.plus(Duration.ofDays(7));
    assertThat(AckRequests.snooze("{\"until\":\"" + week + "\",\"reason\":\"r\"}", NOW).until())
        .isEqualTo(week);
    assertThat(
            snoozeError("{\"until\":\"" + week.plusMillis(1) + "\",\"reason\":\"r\"}").getMessage())
        .startsWith("until: at most 7 days");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"reason\":\"r\"}|until",
        "{\"until\":null,\"reason\":\"r\"}|until",
        "{\"until\":1772589600000,\"reason\":\"r\"}|until",
        "{\"until\":\"2026-03-05T10:00:00\",\"reason\":\"r\"}|until",
        "{\"until\":\"tomorrow\",\"reason\":\"r\"}|until",
        "{\"until\":\"2026-03-05T10:00:00Z\"}|reason",
        "{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":\"   \"}|reason",
        "{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":42}|reason",
        "{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":\"a\\u0007b\"}|reason",
        "{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":\"r\",\"actorId\":\"x\"}|actorId",
        "|until"
      })
  void aBadSnoozeNamesTheMember(String body, String field) {
    assertThat(snoozeError(body).field()).isEqualTo(field);
  }

  @Test
  void aReasonIsCountedInCodePointsAndNeverQuotedInTheError() {
    // 500 Vietnamese letters with combining-free code points pass; 501 do not.
    String ok = "ệ".repeat(AckRequests.MAX_REASON);
    assertThat(
            AckRequests.snooze(
                    "{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":\"" + ok + "\"}", NOW)
                .reason())
        .isEqualTo(ok);
    String secret = "Người tố cáo là ông Nguyễn Văn A ".repeat(20);
    InvalidAckException e =
        snoozeError("{\"until\":\"2026-03-05T10:00:00Z\",\"reason\":\"" + secret + "\"}");
    assertThat(e.field()).isEqualTo("reason");
    assertThat(e.getMessage()).contains("at most 500").doesNotContain("Nguyễn");
  }

  @Test
  void anUnknownMemberNameIsSanitisedInTheError() {
    InvalidAckException e = snoozeError("{\"<script>\":1}");
    assertThat(e.field()).doesNotContain("<").doesNotContain(">");
    assertThat(e.getMessage()).contains("expected reason, until");
  }
}
