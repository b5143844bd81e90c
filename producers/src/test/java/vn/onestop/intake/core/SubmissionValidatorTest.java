package vn.onestop.intake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;

class SubmissionValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SubmissionValidator validator = new SubmissionValidator();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  private InvalidFieldsException problemOf(String body) throws Exception {
    JsonNode n = json(body);
    try {
      validator.validate(n);
    } catch (InvalidFieldsException e) {
      return e;
    }
    throw new AssertionError("expected a 400 for " + body);
  }

  @Test
  void anonymousPetitionWithUnitIsValidAndKeepsVietnameseText() throws Exception {
    Submission s =
        validator.validate(
            json(
                """
        {"category":"PHAN_ANH","unitId":"ubnd-phuong-1",
         "description":"Phản ánh về nhũng nhiễu tại bộ phận một cửa"}"""));
    assertThat(s.category()).isEqualTo(Category.PHAN_ANH);
    assertThat(s.channel()).isEqualTo(Channel.WEB);
    assertThat(s.complainant()).isNull();
    assertThat(s.complaintLevel()).isNull();
    assertThat(s.description()).isEqualTo("Phản ánh về nhũng nhiễu tại bộ phận một cửa");
  }

  @Test
  void complaintNeedsNameAndAddressAndDefaultsToLevelOne() throws Exception {
    InvalidFieldsException p =
        problemOf(
            """
        {"category":"KHIEU_NAI","unitId":"u1","description":"x","complainant":{"phone":"0912345678"}}""");
    assertThat(p.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("complainant.fullName", "complainant.address");

    Submission ok =
        validator.validate(
            json(
                """
        {"category":"KHIEU_NAI","unitId":"u1","description":"x",
         "complainant":{"fullName":"Nguyễn Văn A","address":"12 Lý Thường Kiệt, Hà Nội"}}"""));
    assertThat(ok.complaintLevel()).isEqualTo(1);
  }

  @Test
  void denunciationNeedsAContactAndComplainantObject() throws Exception {
    assertThat(
            problemOf(
                    """
        {"category":"TO_CAO","unitId":"u1","description":"x"}""")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("complainant");
    assertThat(
            problemOf(
                    """
        {"category":"TO_CAO","unitId":"u1","description":"x",
         "complainant":{"fullName":"Trần Thị B","address":"Huế"}}""")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("complainant.phone");
  }

  @Test
  void namesEveryBadFieldAtOnce() throws Exception {
    InvalidFieldsException p =
        problemOf(
            """
        {"category":"NOPE","description":"%s","channel":"PIGEON","complaintLevel":3,
         "location":{"latitude":91},"attachmentUrls":["ftp://x/y", 5],"extra":1,
         "complainant":{"email":"not-an-email","citizenId":"123"}}"""
                .formatted("a".repeat(4001)));
    assertThat(p.errors())
        .extracting(FieldError::field)
        .contains(
            "category",
            "description",
            "channel",
            "complaintLevel",
            "location.latitude",
            "location.longitude",
            "attachmentUrls[0]",
            "attachmentUrls[1]",
            "extra",
            "complainant.email",
            "complainant.citizenId");
    assertThat(p.getMessage()).contains("invalid fields");
  }

  @Test
  void descriptionLimitCountsCharactersNotBytes() throws Exception {
    String vn = "ệ".repeat(4000); // 3 bytes each in UTF-8
    Submission s =
        validator.validate(
            json("{\"category\":\"KIEN_NGHI\",\"unitId\":\"u\",\"description\":\"" + vn + "\"}"));
    assertThat(s.description()).hasSize(4000);
    assertThat(
            problemOf(
                    "{\"category\":\"KIEN_NGHI\",\"unitId\":\"u\",\"description\":\"" + vn + "ệ\"}")
                .errors())
        .extracting(FieldError::message)
        .anyMatch(m -> m.contains("at most 4000"));
  }

  @Test
  void unitOrLocationRequiredAndUnpairedSurrogatesRejected() throws Exception {
    assertThat(problemOf("{\"category\":\"PHAN_ANH\",\"description\":\"x\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("unitId");
    assertThat(
            problemOf("{\"category\":\"PHAN_ANH\",\"description\":\"x\",\"unitId\":\"  \"}")
                .errors())
        .extracting(FieldError::field, FieldError::message)
        .containsExactly(tuple("unitId", "must not be blank"));
    Submission s =
        validator.validate(
            json(
                """
        {"category":"PHAN_ANH","description":"x","location":{"latitude":21.03,"longitude":105.85}}"""));
    assertThat(s.unitId()).isNull();
    assertThat(s.location().getLatitude()).isEqualTo(21.03);
    assertThat(
            problemOf("{\"category\":\"PHAN_ANH\",\"unitId\":\"u\",\"description\":\"a\\ud800b\"}")
                .errors())
        .extracting(FieldError::message)
        .anyMatch(m -> m.contains("surrogate"));
  }

  @Test
  void nonObjectBodyIsRejected() {
    assertThatThrownBy(() -> validator.validate(json("[1,2]")))
        .isInstanceOf(InvalidFieldsException.class);
    assertThatThrownBy(() -> validator.validate(json("\"s\"")))
        .isInstanceOf(InvalidFieldsException.class);
  }

  @Test
  void toStringHidesPersonalData() throws Exception {
    Submission s =
        validator.validate(
            json(
                """
        {"category":"KHIEU_NAI","unitId":"u1","description":"x",
         "complainant":{"fullName":"Nguyễn Văn A","address":"12 Lý Thường Kiệt"}}"""));
    assertThat(s.toString()).doesNotContain("Nguyễn").doesNotContain("Lý Thường Kiệt");
  }
}
