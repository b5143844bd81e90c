package vn.onestop.intake.importer;

import java.time.ZoneId;
import java.util.Map;
import vn.onestop.schema.Channel;

/**
 * Boston 311 export (City of Boston open data, dataset awu8-dc52; 34 columns as in
 * shared/data/boston311-2015): {@code CASE_ENQUIRY_ID} → sourceRecordId (case id {@code
 * boston311-<id>}), {@code OPEN_DT} → Submitted, {@code TARGET_DT} → sourceDueAt, {@code CLOSED_DT}
 * → Resolved, {@code Source} → channel, {@code Department} (else {@code QUEUE}) → unit, {@code
 * TYPE} → serviceCode, {@code CASE_TITLE} → title and description, {@code Location}, {@code
 * LATITUDE}, {@code LONGITUDE} → location. Times are local America/New_York in {@code MM/dd/yyyy
 * hh:mm:ss a}. Channels: Constituent Call → HOTLINE, Citizens Connect App → MOBILE_APP, Self
 * Service → WEB, City Worker App and Employee Generated → INTERNAL, Maximo Integration →
 * INTEGRATION, Twitter → SOCIAL_MEDIA, others → OTHER.
 */
public final class Boston311Profile extends ServiceRequestProfile {
  private static final Map<String, Channel> CHANNELS =
      Map.of(
          "CONSTITUENT CALL", Channel.HOTLINE,
          "CITIZENS CONNECT APP", Channel.MOBILE_APP,
          "SELF SERVICE", Channel.WEB,
          "CITY WORKER APP", Channel.INTERNAL,
          "EMPLOYEE GENERATED", Channel.INTERNAL,
          "MAXIMO INTEGRATION", Channel.INTEGRATION,
          "TWITTER", Channel.SOCIAL_MEDIA);

  /** Creates the profile. */
  public Boston311Profile() {
    this(EventTimeBounds.system());
  }

  /**
   * @param bounds range of the opening and closing times
   */
  public Boston311Profile(EventTimeBounds bounds) {
    super(
        new Columns(
            "CASE_ENQUIRY_ID",
            "OPEN_DT",
            "TARGET_DT",
            "CLOSED_DT",
            "CASE_STATUS",
            "Closed",
            "TYPE",
            "CASE_TITLE",
            null,
            "Department",
            "QUEUE",
            "Source",
            "Location",
            "LATITUDE",
            "LONGITUDE"),
        new LocalTimes(ZoneId.of("America/New_York"), "MM/dd/yyyy hh:mm:ss a"),
        CHANNELS,
        bounds);
  }

  @Override
  public String name() {
    return "boston311";
  }
}
