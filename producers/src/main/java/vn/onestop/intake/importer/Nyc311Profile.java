package vn.onestop.intake.importer;

import java.time.ZoneId;
import java.util.Map;
import vn.onestop.schema.Channel;

/**
 * NYC 311 export (NYC Open Data "311 Service Requests"): {@code Unique Key} → sourceRecordId (case
 * id {@code nyc311-<key>}), {@code Created Date} → Submitted, {@code Due Date} → sourceDueAt,
 * {@code Closed Date} → Resolved, {@code Agency} → unit, {@code Complaint Type} → serviceCode and
 * title, {@code Descriptor} → description, {@code Open Data Channel Type} → channel (PHONE →
 * HOTLINE, ONLINE → WEB, MOBILE → MOBILE_APP, others → OTHER), {@code Incident Address}, {@code
 * Latitude}, {@code Longitude} → location, {@code Status} "Closed" requires a closing time. Times
 * are local America/New_York, either {@code MM/dd/yyyy hh:mm:ss a} (CSV export) or {@code
 * yyyy-MM-dd'T'HH:mm:ss[.SSS]} (JSON/SODA export).
 */
public final class Nyc311Profile extends ServiceRequestProfile {
  private static final Map<String, Channel> CHANNELS =
      Map.of(
          "PHONE", Channel.HOTLINE,
          "ONLINE", Channel.WEB,
          "MOBILE", Channel.MOBILE_APP);

  /** Creates the profile. */
  public Nyc311Profile() {
    this(EventTimeBounds.system());
  }

  /**
   * @param bounds range of the opening and closing times
   */
  public Nyc311Profile(EventTimeBounds bounds) {
    super(
        new Columns(
            "Unique Key",
            "Created Date",
            "Due Date",
            "Closed Date",
            "Status",
            "Closed",
            "Complaint Type",
            "Complaint Type",
            "Descriptor",
            "Agency",
            null,
            "Open Data Channel Type",
            "Incident Address",
            "Latitude",
            "Longitude"),
        new LocalTimes(
            ZoneId.of("America/New_York"), "MM/dd/yyyy hh:mm:ss a", "yyyy-MM-dd'T'HH:mm:ss[.SSS]"),
        CHANNELS,
        bounds);
  }

  @Override
  public String name() {
    return "nyc311";
  }
}
