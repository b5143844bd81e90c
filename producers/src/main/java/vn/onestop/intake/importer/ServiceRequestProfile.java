package vn.onestop.intake.importer;

import java.time.Instant;
import java.util.Map;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.Location;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;

/**
 * Common mapping of 311 service-request exports (Boston, NYC): category SERVICE_REQUEST, the source
 * system's due date as {@code sourceDueAt} (the SOURCE_PROVIDED policy), closing time as Resolved
 * with outcome OTHER (the export carries no outcome).
 *
 * <p>Rejected rows: missing id; missing, unparseable or nonexistent (DST gap) opening time;
 * unparseable due or closing time; an opening or closing time outside {@link EventTimeBounds}
 * (before 1970, or more than 1 h after the import's clock); due or closing time before the opening
 * time; a status that contradicts the closing time; no handling unit.
 */
abstract class ServiceRequestProfile implements ImportProfile {
  /**
   * Column names of one export format.
   *
   * @param id record id
   * @param opened opening time
   * @param due due time
   * @param closed closing time
   * @param status status column (or null)
   * @param closedStatus value of {@code status} meaning closed
   * @param type request type (service code)
   * @param title title column (or null)
   * @param descriptor description column (or null)
   * @param unit handling unit column
   * @param fallbackUnit unit column used when {@code unit} is empty (or null)
   * @param channel channel column
   * @param address address column
   * @param latitude latitude column
   * @param longitude longitude column
   */
  record Columns(
      String id,
      String opened,
      String due,
      String closed,
      String status,
      String closedStatus,
      String type,
      String title,
      String descriptor,
      String unit,
      String fallbackUnit,
      String channel,
      String address,
      String latitude,
      String longitude) {}

  private final Columns c;
  private final LocalTimes times;
  private final Map<String, Channel> channels;
  private final EventTimeBounds bounds;

  ServiceRequestProfile(
      Columns columns, LocalTimes times, Map<String, Channel> channels, EventTimeBounds bounds) {
    this.c = columns;
    this.times = times;
    this.channels = channels;
    this.bounds = java.util.Objects.requireNonNull(bounds, "bounds");
  }

  @Override
  public java.util.List<String> requiredColumns() {
    return java.util.List.of(c.id(), c.opened());
  }

  @Override
  public MappedCase map(SourceRow row) throws RowRejected {
    String id = row.get(c.id());
    if (id == null) {
      throw new RowRejected("missing id", c.id() + " is empty");
    }
    String openedRaw = row.get(c.opened());
    if (openedRaw == null) {
      throw new RowRejected("missing opening time", c.opened() + " is empty");
    }
    Instant opened = bounds.check(c.opened(), openedRaw, times.parse(c.opened(), openedRaw));
    Instant due = optionalTime(row, c.due());
    Instant closed = optionalTime(row, c.closed());
    if (due != null && due.isBefore(opened)) {
      throw new RowRejected(
          "due before opened",
          c.due()
              + "="
              + RowRejected.quoted(row.get(c.due()))
              + " is before "
              + c.opened()
              + "="
              + RowRejected.quoted(openedRaw));
    }
    if (closed != null && closed.isBefore(opened)) {
      throw new RowRejected(
          "closed before opened",
          c.closed()
              + "="
              + RowRejected.quoted(row.get(c.closed()))
              + " is before "
              + c.opened()
              + "="
              + RowRejected.quoted(openedRaw));
    }
    if (closed != null) {
      // after "closed before opened", the precise reason for a placeholder such as 01/01/1900
      bounds.check(c.closed(), row.get(c.closed()), closed);
    }
    if (c.status() != null && row.get(c.status()) != null) {
      boolean saysClosed = c.closedStatus().equalsIgnoreCase(row.get(c.status()));
      if (saysClosed && closed == null) {
        throw new RowRejected(
            "closed without closing time",
            c.status()
                + "="
                + RowRejected.quoted(row.get(c.status()))
                + " but "
                + c.closed()
                + " is empty");
      }
    }
    String unit = row.get(c.unit());
    if (unit == null && c.fallbackUnit() != null) {
      unit = row.get(c.fallbackUnit());
    }
    if (unit == null) {
      throw new RowRejected(
          "missing unit",
          c.unit() + (c.fallbackUnit() != null ? " and " + c.fallbackUnit() : "") + " are empty");
    }
    String type = row.get(c.type());
    String title = c.title() == null ? null : row.get(c.title());
    String descriptor = c.descriptor() == null ? null : row.get(c.descriptor());
    String description =
        descriptor != null ? descriptor : title != null ? title : type != null ? type : "";
    Submitted submitted =
        Submitted.newBuilder()
            .setCategory(Category.SERVICE_REQUEST)
            .setComplexity(Complexity.NORMAL)
            .setChannel(channel(row.get(c.channel())))
            .setUnitId(unit)
            .setServiceCode(type)
            .setTitle(title)
            .setDescription(limit(description))
            .setLocation(location(row))
            .setSourceRecordId(id)
            .setSourceDueAt(due)
            .build();
    Resolved resolved = closed == null ? null : new Resolved(Outcome.OTHER, null);
    return new MappedCase(id, caseId(id), opened, submitted, closed, resolved);
  }

  private Instant optionalTime(SourceRow row, String column) throws RowRejected {
    String raw = column == null ? null : row.get(column);
    return raw == null ? null : times.parse(column, raw);
  }

  private Channel channel(String raw) {
    return raw == null
        ? Channel.OTHER
        : channels.getOrDefault(raw.toUpperCase(java.util.Locale.ROOT), Channel.OTHER);
  }

  private Location location(SourceRow row) {
    String address = row.get(c.address());
    Double lat = number(row.get(c.latitude()));
    Double lon = number(row.get(c.longitude()));
    if (lat == null
        || lon == null
        || (lat == 0 && lon == 0)
        || Math.abs(lat) > 90
        || Math.abs(lon) > 180) {
      lat = null; // "(0, 0)" and out-of-range values mean "not geocoded"
      lon = null;
    }
    if (address == null && lat == null) {
      return null;
    }
    return new Location(address, lat, lon);
  }

  private static Double number(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(raw);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String limit(String s) {
    return s.codePointCount(0, s.length()) <= 4000
        ? s
        : s.substring(0, s.offsetByCodePoints(0, 4000));
  }
}
