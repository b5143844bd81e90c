package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Outcome;

class NativeProfileTest {
  private static final IdentityCipher CIPHER =
      new IdentityCipher(IdentityKey.fromBytes(new byte[32]));

  private static Map<String, String> row() {
    Map<String, String> m = new HashMap<>();
    m.put("source_id", "HL-2025-0001");
    m.put("category", "PHAN_ANH");
    m.put("submitted_at", "2025-03-04T08:15:00+07:00");
    m.put("unit_id", "ubnd-phuong-ben-nghe");
    m.put("description", "Cán bộ một cửa yêu cầu nộp thêm giấy tờ không có trong quy định");
    m.put("resolved_at", "2025-03-10T16:00:00+07:00");
    m.put("outcome", "answered");
    return m;
  }

  @Test
  void mapsARowWithOffsetTimes() throws Exception {
    MappedCase m = new NativeProfile(Optional.empty()).map(new SourceRow("h.csv", 2, row()));
    assertThat(m.caseId()).isEqualTo("native-HL-2025-0001");
    assertThat(m.openedAt()).isEqualTo(Instant.parse("2025-03-04T01:15:00Z"));
    assertThat(m.submitted().getChannel()).isEqualTo(Channel.HOTLINE);
    assertThat(m.resolved().getOutcome()).isEqualTo(Outcome.ANSWERED);
  }

  @Test
  void denunciationIdentityIsEncryptedOrTheRowRejected() throws Exception {
    Map<String, String> r = row();
    r.put("category", "TO_CAO");
    r.put("complainant_name", "Phạm Văn C");
    r.put("complainant_address", "Quận 1");
    r.put("complainant_phone", "0909000111");
    MappedCase m = new NativeProfile(Optional.of(CIPHER)).map(new SourceRow("h.csv", 2, r));
    assertThat(m.submitted().getCategory()).isEqualTo(Category.TO_CAO);
    assertThat(m.submitted().getComplainant()).isNull();
    assertThat(CIPHER.decrypt(m.caseId(), m.submitted().getEncryptedIdentity()).getFullName())
        .isEqualTo("Phạm Văn C");
    assertThatThrownBy(() -> new NativeProfile(Optional.empty()).map(new SourceRow("h.csv", 2, r)))
        .hasMessageStartingWith("identity key missing");
  }

  @Test
  void badRowsNameTheColumn() {
    NativeProfile p = new NativeProfile(Optional.empty());
    Map<String, String> r = row();
    r.put("submitted_at", "2025-03-04 08:15");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 3, r)))
        .hasMessageContaining("submitted_at");
    Map<String, String> r2 = row();
    r2.put("resolved_at", "2025-03-01T00:00:00+07:00");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 4, r2)))
        .hasMessageStartingWith("closed before opened");
    Map<String, String> r3 = row();
    r3.put("category", "KHIEU_NAI");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 5, r3)))
        .hasMessageStartingWith("missing identity");
    Map<String, String> r4 = row();
    r4.put("latitude", "10.7");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 6, r4))).hasMessageContaining("together");
  }
}
