package vn.onestop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.EncryptedIdentity;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.testkit.TestRecords;

class RecordJsonTest {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  static CaseEvent submitted(Category category, boolean plainIdentity) {
    Submitted.Builder s =
        TestRecords.submitted(category, "HK")
            .setComplaintLevel(null)
            .setDescription("Cán bộ một cửa gây khó dễ")
            .setTitle("Phản ánh");
    if (plainIdentity) {
      s.setComplainant(TestRecords.complainant("Nguyễn Văn A", "0900000000"));
    } else {
      s.setEncryptedIdentity(
          EncryptedIdentity.newBuilder()
              .setKeyId("k1")
              .setNonce(ByteBuffer.wrap(new byte[12]))
              .setCiphertext(ByteBuffer.wrap(new byte[] {1, 2, 3}))
              .build());
    }
    return TestRecords.envelope("c1", Instant.parse("2026-01-05T02:00:00Z"), s.build())
        .setEventId("e1")
        .setSourceSystem("web-intake")
        .build();
  }

  @Test
  void personalDataOnlyWithTheFlagAndNeverForDenunciations() {
    Map<String, Object> plain = RecordJson.event(submitted(Category.PHAN_ANH, true), false);
    assertThat(plain)
        .containsEntry("type", "Submitted")
        .containsEntry("unitId", "HK")
        // the title is free text like the description (it may name people): only with the flag
        .doesNotContainKeys("complainant", "title", "description", "location", "encryptedIdentity");
    assertThat(plain.get("occurredAt")).isEqualTo("2026-01-05T02:00:00Z");

    Map<String, Object> flagged = RecordJson.event(submitted(Category.PHAN_ANH, true), true);
    assertThat(flagged)
        .containsKeys("complainant", "description")
        .containsEntry("title", "Phản ánh");
    assertThat(((Map<?, ?>) flagged.get("complainant")).get("fullName")).isEqualTo("Nguyễn Văn A");

    Map<String, Object> denunciation = RecordJson.event(submitted(Category.TO_CAO, false), true);
    assertThat(denunciation)
        .doesNotContainKeys("complainant", "description", "location", "encryptedIdentity");
    assertThat(denunciation.toString()).doesNotContain("k1");
  }

  @Test
  void exportFormatNamesTheOption() {
    assertThat(ExportFormat.parse("JsonL")).isEqualTo(ExportFormat.JSONL);
    assertThatThrownBy(() -> ExportFormat.parse("xml"))
        .hasMessageContaining("--format")
        .hasMessageContaining("'xml'");
  }
}
