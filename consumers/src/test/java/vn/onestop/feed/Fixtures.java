package vn.onestop.feed;

import static vn.onestop.schema.testkit.TestRecords.unit;

/** The feed tests' org tree; records come from the shared test kit ({@code TestRecords}). */
final class Fixtures {
  private Fixtures() {}

  /** City HN (top) → district HK, district BD; HK → ward HK-P1. */
  static OrgTree cityTree() {
    OrgTree t = new OrgTree();
    t.apply("HN", unit("HN", "Thanh tra Thành phố Hà Nội", null, 0).build());
    t.apply("HK", unit("HK", "UBND quận Hoàn Kiếm", "HN", 1).build());
    t.apply("BD", unit("BD", "UBND quận Ba Đình", "HN", 1).build());
    t.apply("HK-P1", unit("HK-P1", "UBND phường Hàng Bạc", "HK", 2).build());
    return t;
  }
}
