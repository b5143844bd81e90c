package vn.onestop.intake.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;

class ActionValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ActionValidator validator = new ActionValidator();

  private ActionCommand ok(String body) throws Exception {
    return validator.validate(JSON.readTree(body));
  }

  private InvalidFieldsException bad(String body) throws Exception {
    try {
      validator.validate(JSON.readTree(body));
    } catch (InvalidFieldsException e) {
      return e;
    }
    throw new AssertionError("expected 400 for " + body);
  }

  @Test
  void everyActionHasItsPayload() throws Exception {
    assertThat(ok("{\"action\":\"accept\"}").payload().getClass().getSimpleName())
        .isEqualTo("Accepted");
    assertThat(
            ok("{\"action\":\"reject\",\"reason\":\"ngoài thẩm quyền\"}")
                .payload()
                .getClass()
                .getSimpleName())
        .isEqualTo("Rejected");
    assertThat(
            ok("{\"action\":\"assign\",\"officerId\":\"cb-01\"}")
                .payload()
                .getClass()
                .getSimpleName())
        .isEqualTo("Assigned");
    assertThat(
            ((Transferred) ok("{\"action\":\"transfer\",\"toUnitId\":\"so-tnmt\"}").payload())
                .getToUnitId())
        .isEqualTo("so-tnmt");
    Suspended s =
        (Suspended)
            ok("{\"action\":\"suspend\",\"reason\":\"chờ giám định\",\"decisionNumber\":\"12/QĐ-TTr\"}")
                .payload();
    assertThat(s.getDecisionNumber()).isEqualTo("12/QĐ-TTr");
    assertThat(ok("{\"action\":\"resume\"}").payload().getClass().getSimpleName())
        .isEqualTo("Resumed");
    DeadlineExtended e =
        (DeadlineExtended)
            ok("{\"action\":\"extend\",\"decisionNumber\":\"5/QĐ\",\"days\":30}").payload();
    assertThat(e.getDays()).isEqualTo(30);
    assertThat(
            ((Resolved) ok("{\"action\":\"resolve\",\"outcome\":\"UPHELD\"}").payload())
                .getOutcome())
        .isEqualTo(Outcome.UPHELD);
    assertThat(ok("{\"action\":\"reopen\",\"reason\":\"r\"}").payload().getClass().getSimpleName())
        .isEqualTo("Reopened");
    ActionCommand w = ok("{\"action\":\"withdraw\"}");
    assertThat(w.actor().getRole()).isEqualTo(ActorRole.CITIZEN);
    ActionCommand r = ok("{\"action\":\"rate\",\"score\":5,\"officialId\":\"ignored\"}");
    assertThat(((Rated) r.payload()).getScore()).isEqualTo(5);
    assertThat(r.actor().getOfficialId()).isNull();
  }

  @Test
  void officerActionsDefaultToCaseOfficer() throws Exception {
    ActionCommand c = ok("{\"action\":\"accept\",\"officialId\":\"cb-7\",\"unitId\":\"ubnd-q1\"}");
    assertThat(c.actor().getRole()).isEqualTo(ActorRole.CASE_OFFICER);
    assertThat(c.actor().getOfficialId()).isEqualTo("cb-7");
  }

  @Test
  void missingAndMalformedFieldsAreNamed() throws Exception {
    assertThat(bad("{\"action\":\"suspend\"}").errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("reason", "decisionNumber");
    assertThat(bad("{\"action\":\"extend\",\"decisionNumber\":\"x\",\"days\":0}").errors())
        .extracting(FieldError::field)
        .containsExactly("days");
    assertThat(bad("{\"action\":\"rate\",\"score\":6}").errors())
        .extracting(FieldError::field)
        .containsExactly("score");
    assertThat(bad("{\"action\":\"rate\",\"score\":\"5\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("score");
    assertThat(bad("{\"action\":\"resolve\",\"outcome\":\"MAYBE\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("outcome");
    assertThat(bad("{\"action\":\"explode\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("action");
    assertThat(bad("{}").errors()).extracting(FieldError::field).containsExactly("action");
    assertThat(bad("{\"action\":\"accept\",\"days\":3}").errors())
        .extracting(FieldError::field)
        .containsExactly("days");
    assertThat(bad("{\"action\":\"assign\",\"officerId\":\"a b\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("officerId");
  }

  @Test
  void unitIdsMustHaveTheUnitIdSyntax() throws Exception {
    assertThat(bad("{\"action\":\"transfer\",\"toUnitId\":\"unit-\u0430\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("toUnitId");
    assertThat(bad("{\"action\":\"transfer\",\"toUnitId\":\"<b>unit</b>\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("toUnitId");
    assertThat(ok("{\"action\":\"transfer\",\"toUnitId\":\"so-xay-dung\"}").payload()).isNotNull();
  }
}
