package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.status.CaseStatusDetails;
import vn.onestop.intake.status.CaseStatusView;

/**
 * The view an engine instance forwards to another instance or to a standalone intake keeps every
 * field, the details (legal step, decisions, last refusal) included: the intake's 409 on a refused
 * action and its officer view depend on them.
 */
class StatusJsonTest {

  @Test
  void aViewWithDetailsSurvivesTheInternalJson() throws Exception {
    Instant t = Instant.parse("2026-03-02T02:00:00Z");
    CaseStatusView v =
        new CaseStatusView(
            "case-1",
            "ASSIGNED",
            "KHIEU_NAI",
            "u1",
            "RESOLUTION",
            Instant.parse("2026-04-13T17:00:00Z"),
            Instant.parse("2026-03-12T17:00:00Z"),
            Instant.parse("2026-04-13T17:00:00Z"),
            1,
            false,
            new CaseStatusDetails(
                1,
                "NORMAL",
                "THU_LY",
                "KN1-2011",
                "Luật Khiếu nại 2011 Điều 28",
                "cb-1",
                t,
                t.plusSeconds(86400),
                null,
                null,
                null,
                t.plusSeconds(7 * 86400),
                List.of(
                    new CaseStatusDetails.ClockDecision(
                        "EXTENSION", "QĐ-1", t.plusSeconds(3 * 86400), 10)),
                new CaseStatusDetails.Refusal("e-9", "Resolved", "must be accepted first", t),
                List.of("e-1", "e-2")));

    String json = StatusJson.MAPPER.writeValueAsString(v);
    CaseStatusView back = StatusJson.MAPPER.readValue(json, CaseStatusView.class);

    assertThat(back).isEqualTo(v);
    assertThat(back.details().lastRefusal().reason()).isEqualTo("must be accepted first");
  }

  @Test
  void aFieldOfALaterVersionIsIgnored() throws Exception {
    CaseStatusView v =
        new CaseStatusView(
            "case-2", "SUBMITTED", "PHAN_ANH", "u1", "ACCEPTANCE", null, null, null, 0, false);
    String json = StatusJson.MAPPER.writeValueAsString(v).replaceFirst("\\{", "{\"later\":1,");
    assertThat(StatusJson.MAPPER.readValue(json, CaseStatusView.class)).isEqualTo(v);
  }
}
