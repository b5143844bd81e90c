package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.testkit.StatusViews;

/**
 * The view an engine instance forwards to another instance or to a standalone intake keeps every
 * field, the details (legal step, decisions, last refusal) included: the intake's 409 on a refused
 * action and its officer view depend on them.
 */
class StatusJsonTest {

  @Test
  void aViewWithDetailsSurvivesTheInternalJson() throws Exception {
    CaseStatusView v = StatusViews.detailedKhieuNai();

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
