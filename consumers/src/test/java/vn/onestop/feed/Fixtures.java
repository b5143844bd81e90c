package vn.onestop.feed;

import java.time.Instant;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Category;
import vn.onestop.schema.ClockKind;
import vn.onestop.schema.OrgUnit;

/** Builders of test alerts and units. */
final class Fixtures {
  private Fixtures() {}

  static CaseAlert alert(
      String alertId,
      String caseId,
      String unitId,
      String recipientUnitId,
      AlertKind kind,
      int level) {
    return CaseAlert.newBuilder()
        .setAlertId(alertId)
        .setCaseId(caseId)
        .setUnitId(unitId)
        .setRecipientUnitId(recipientUnitId)
        .setRecipientOfficialId("head-" + recipientUnitId)
        .setKind(kind)
        .setLevel(level)
        .setClock(ClockKind.RESOLUTION)
        .setCategory(Category.KHIEU_NAI)
        .setRuleId("KN1-RESOLUTION/" + kind.name().toLowerCase())
        .setPolicyId("KN1")
        .setLegalBasis("Luật Khiếu nại 2011, Điều 28")
        .setDeadline(Instant.parse("2026-03-02T17:00:00Z"))
        .setDecidedAt(Instant.parse("2026-03-02T17:00:00Z"))
        .build();
  }

  static OrgUnit unit(String id, String name, String parent, int level, String webhookUrl) {
    return OrgUnit.newBuilder()
        .setUnitId(id)
        .setName(name)
        .setParentId(parent)
        .setLevel(level)
        .setWebhookUrl(webhookUrl)
        .build();
  }

  /** City HN (top) → district HK, district BD; HK → ward HK-P1. */
  static OrgTree cityTree() {
    OrgTree t = new OrgTree();
    t.apply("HN", unit("HN", "Thanh tra Thành phố Hà Nội", null, 0, null));
    t.apply("HK", unit("HK", "UBND quận Hoàn Kiếm", "HN", 1, null));
    t.apply("BD", unit("BD", "UBND quận Ba Đình", "HN", 1, null));
    t.apply("HK-P1", unit("HK-P1", "UBND phường Hàng Bạc", "HK", 2, null));
    return t;
  }
}
