package vn.onestop.intake.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.testkit.StatusViews;

/** Due dates are told as "end of day D" in Asia/Ho_Chi_Minh, never as 00:00 of D+1. */
class StatusJsonTest {
  private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void aDayPeriodEndsAtTheEndOfItsLastLocalDay() {
    // 2026-03-16T17:00Z = 00:00 of 17/03 in Hanoi: the last day is 16/03
    ObjectNode d = StatusJson.due(Instant.parse("2026-03-16T17:00:00Z"), VN);
    assertThat(d.get("utc").asText()).isEqualTo("2026-03-16T17:00:00Z");
    assertThat(d.get("lastDay").asText()).isEqualTo("2026-03-16");
    assertThat(d.get("endOfDay").asBoolean()).isTrue();
    assertThat(d.get("local").asText()).isEqualTo("hết ngày 16/03/2026");
  }

  @Test
  void anHourPeriodEndsAtItsLocalTime() {
    ObjectNode d = StatusJson.due(Instant.parse("2026-03-16T07:30:00Z"), VN);
    assertThat(d.get("endOfDay").asBoolean()).isFalse();
    assertThat(d.get("lastDay").asText()).isEqualTo("2026-03-16");
    assertThat(d.get("local").asText()).isEqualTo("14:30 16/03/2026");
    assertThat(StatusJson.due(null, VN)).isNull();
  }

  @Test
  void
      theOfficerViewShowsTheAcceptanceAndTheRefusalAndThePublicViewShowsNeitherRefusalNorOfficer() {
    CaseStatusView v = StatusViews.detailedKhieuNai();
    ObjectNode o = StatusJson.officer(v, VN);
    assertThat(o.get("accepted").asBoolean()).isTrue();
    assertThat(o.get("legalStep").asText()).isEqualTo("THU_LY");
    assertThat(o.get("trackingCode").asText()).startsWith("OS-");
    assertThat(o.at("/resolutionDue/local").asText()).isEqualTo("hết ngày 13/04/2026");
    assertThat(o.at("/acceptanceDue/lastDay").asText()).isEqualTo("2026-03-12");
    assertThat(o.at("/lastRefusal/reason").asText()).isEqualTo("must be accepted first");
    assertThat(o.at("/decisions/0/decisionNumber").asText()).isEqualTo("QĐ-1");
    ObjectNode p = StatusJson.tracking("OS-X", "svc", v, VN);
    assertThat(p.at("/decisions/0/days").asInt()).isEqualTo(10);
    assertThat(p.has("lastRefusal")).isFalse();
    assertThat(p.has("officerId")).isFalse();
    assertThat(p.toString()).doesNotContain("cb-1", "must be accepted first");
  }
}
