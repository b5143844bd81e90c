package vn.onestop.intake.testkit;

import java.time.Instant;
import java.util.List;
import vn.onestop.intake.status.CaseStatusDetails;
import vn.onestop.intake.status.CaseStatusView;

/**
 * Case status views for tests of every module (the producers test kit, a test-jar): one khiếu nại
 * with every detail filled, for the renderings of the intake and the engine's internal JSON alike.
 */
public final class StatusViews {
  /** When the sample case was received (UTC). */
  public static final Instant RECEIVED = Instant.parse("2026-03-02T02:00:00Z");

  private StatusViews() {}

  /**
   * A khiếu nại (first level) of unit {@code u1}, accepted a day after receipt and assigned to
   * {@code cb-1}: legal step THU_LY, policy KN1-2011, acceptance due 12/03/2026 and resolution due
   * 13/04/2026 at the end of the local day (17:00 UTC), one 10-day extension by decision QĐ-1, the
   * engine's last refusal of event {@code e-9} ("must be accepted first"), events {@code e-1} and
   * {@code e-2} applied.
   *
   * @return the view
   */
  public static CaseStatusView detailedKhieuNai() {
    Instant t = RECEIVED;
    return new CaseStatusView(
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
  }
}
