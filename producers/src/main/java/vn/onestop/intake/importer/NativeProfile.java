package vn.onestop.intake.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.onestop.intake.core.TextRules;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.Location;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;

/**
 * The native import format of the hotline (CSV with a header line, or JSON Lines with the same
 * keys). Columns:
 *
 * <table>
 *   <caption>native columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>source_id</td><td>yes</td><td>record id in the hotline system; case id {@code native-<source_id>}</td></tr>
 *   <tr><td>category</td><td>yes</td><td>KHIEU_NAI, TO_CAO, PHAN_ANH, KIEN_NGHI or SERVICE_REQUEST</td></tr>
 *   <tr><td>submitted_at</td><td>yes</td><td>receipt time, ISO-8601 with offset, e.g. 2025-03-04T08:15:00+07:00</td></tr>
 *   <tr><td>unit_id</td><td>yes</td><td>handling unit id (topic org-units)</td></tr>
 *   <tr><td>description</td><td>yes</td><td>UTF-8 text, at most 4000 characters</td></tr>
 *   <tr><td>channel</td><td>no</td><td>HOTLINE (default), WEB, MOBILE_APP, IN_PERSON, MAIL, EMAIL, SOCIAL_MEDIA, INTERNAL, INTEGRATION, OTHER</td></tr>
 *   <tr><td>complaint_level</td><td>no</td><td>1 or 2, KHIEU_NAI only (default 1)</td></tr>
 *   <tr><td>complexity</td><td>no</td><td>NORMAL (default), COMPLEX, ESPECIALLY_COMPLEX</td></tr>
 *   <tr><td>service_code, title</td><td>no</td><td>request type and short title</td></tr>
 *   <tr><td>address, latitude, longitude</td><td>no</td><td>location (WGS84 degrees; both or neither)</td></tr>
 *   <tr><td>due_at</td><td>no</td><td>due time given by the source system, ISO-8601 with offset (sourceDueAt)</td></tr>
 *   <tr><td>resolved_at</td><td>no</td><td>resolution time, ISO-8601 with offset, not before submitted_at</td></tr>
 *   <tr><td>outcome</td><td>no</td><td>with resolved_at: UPHELD, PARTIALLY_UPHELD, DISMISSED, ANSWERED, FIXED, NO_ACTION, OTHER (default)</td></tr>
 *   <tr><td>complainant_name, complainant_phone, complainant_email, complainant_citizen_id, complainant_address</td><td>for KHIEU_NAI (name, address) and TO_CAO (name, address, phone or email)</td><td>identity; for TO_CAO encrypted with ONESTOP_IDENTITY_KEY</td></tr>
 *   <tr><td>subject_official_id</td><td>no</td><td>official the case is about</td></tr>
 * </table>
 */
public final class NativeProfile implements ImportProfile {
  private static final Pattern ID = vn.onestop.ids.OfficialIds.PATTERN;
  private final Optional<IdentityCipher> cipher;
  private final EventTimeBounds bounds;

  /**
   * @param cipher identity cipher for rows with an identity (every category); without it such rows
   *     are rejected
   */
  public NativeProfile(Optional<IdentityCipher> cipher) {
    this(cipher, EventTimeBounds.system());
  }

  /**
   * @param cipher identity cipher for rows with an identity (every category); without it such rows
   *     are rejected
   * @param bounds range of {@code submitted_at} and {@code resolved_at} (event times)
   */
  public NativeProfile(Optional<IdentityCipher> cipher, EventTimeBounds bounds) {
    this.cipher = cipher;
    this.bounds = java.util.Objects.requireNonNull(bounds, "bounds");
  }

  @Override
  public java.util.List<String> requiredColumns() {
    return java.util.List.of("source_id", "category", "submitted_at", "unit_id", "description");
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public MappedCase map(SourceRow row) throws RowRejected {
    String id = row.get("source_id");
    if (id == null) {
      throw new RowRejected("missing id", "source_id is empty");
    }
    if (!ID.matcher(id).matches()) {
      throw new RowRejected(
          "invalid field",
          "source_id="
              + RowRejected.quoted(id)
              + " must be "
              + vn.onestop.ids.OfficialIds.EXPECTED);
    }
    Category category = enumOf(Category.class, row, "category", null);
    if (category == Category.UNKNOWN) {
      throw new RowRejected("invalid field", "category UNKNOWN is not importable");
    }
    Instant submittedAt = time(row, "submitted_at", true);
    bounds.check("submitted_at", row.get("submitted_at"), submittedAt);
    Instant dueAt = time(row, "due_at", false);
    Instant resolvedAt = time(row, "resolved_at", false);
    if (resolvedAt != null && resolvedAt.isBefore(submittedAt)) {
      throw new RowRejected(
          "closed before opened",
          "resolved_at="
              + RowRejected.quoted(row.get("resolved_at"))
              + " is before submitted_at="
              + RowRejected.quoted(row.get("submitted_at")));
    }
    if (resolvedAt != null) {
      bounds.check("resolved_at", row.get("resolved_at"), resolvedAt);
    }
    if (dueAt != null && dueAt.isBefore(submittedAt)) {
      throw new RowRejected(
          "due before opened",
          "due_at=" + RowRejected.quoted(row.get("due_at")) + " is before submitted_at");
    }
    String unit = required(row, "unit_id");
    if (!vn.onestop.ids.UnitIds.valid(unit)) {
      // the raw value is not echoed: a malformed row may hold anything, a name included
      throw new RowRejected(
          "invalid field",
          "unit_id is not a valid unit id (" + vn.onestop.ids.UnitIds.EXPECTED + ")");
    }
    String description = text(row, "description", true, 4000);
    Integer level = null;
    if (category == Category.KHIEU_NAI) {
      String raw = row.get("complaint_level");
      if (raw == null || raw.equals("1")) {
        level = 1;
      } else if (raw.equals("2")) {
        level = 2;
      } else {
        throw new RowRejected(
            "invalid field", "complaint_level=" + RowRejected.quoted(raw) + " must be 1 or 2");
      }
    }
    String caseId = caseId(id);
    Submitted.Builder b =
        Submitted.newBuilder()
            .setCategory(category)
            .setComplaintLevel(level)
            .setComplexity(enumOf(Complexity.class, row, "complexity", Complexity.NORMAL))
            .setChannel(enumOf(Channel.class, row, "channel", Channel.HOTLINE))
            .setUnitId(unit)
            .setServiceCode(row.get("service_code"))
            .setTitle(text(row, "title", false, 200))
            .setDescription(description)
            .setLocation(location(row))
            .setSubjectOfficialId(row.get("subject_official_id"))
            .setSourceRecordId(id)
            .setSourceDueAt(dueAt);
    identity(row, category, caseId, b);
    Resolved resolved =
        resolvedAt == null
            ? null
            : new Resolved(enumOf(Outcome.class, row, "outcome", Outcome.OTHER), null);
    return new MappedCase(id, caseId, submittedAt, b.build(), resolvedAt, resolved);
  }

  private void identity(SourceRow row, Category category, String caseId, Submitted.Builder b)
      throws RowRejected {
    Complainant c =
        new Complainant(
            text(row, "complainant_name", false, 200),
            row.get("complainant_phone"),
            row.get("complainant_email"),
            row.get("complainant_citizen_id"),
            text(row, "complainant_address", false, 500));
    boolean any =
        c.getFullName() != null
            || c.getPhone() != null
            || c.getEmail() != null
            || c.getCitizenId() != null
            || c.getAddress() != null;
    if (category == Category.KHIEU_NAI || category == Category.TO_CAO) {
      if (c.getFullName() == null || c.getAddress() == null) {
        throw new RowRejected(
            "missing identity", category + " needs complainant_name and complainant_address");
      }
    }
    if (category == Category.TO_CAO && c.getPhone() == null && c.getEmail() == null) {
      throw new RowRejected(
          "missing identity", "TO_CAO needs complainant_phone or complainant_email");
    }
    if (!any) {
      return;
    }
    // Every identity is encrypted (the denouncer's, the complainant's, any submitter's contact).
    IdentityCipher ic =
        cipher.orElseThrow(
            () ->
                new RowRejected(
                    "identity key missing",
                    "the complainant identity cannot be encrypted: ONESTOP_IDENTITY_KEY is not set"));
    b.setEncryptedIdentity(ic.encrypt(caseId, c));
  }

  private static Location location(SourceRow row) throws RowRejected {
    String address = text(row, "address", false, 500);
    Double lat = coordinate(row, "latitude", 90);
    Double lon = coordinate(row, "longitude", 180);
    if ((lat == null) != (lon == null)) {
      throw new RowRejected("invalid field", "latitude and longitude must be given together");
    }
    return address == null && lat == null ? null : new Location(address, lat, lon);
  }

  private static Double coordinate(SourceRow row, String column, double max) throws RowRejected {
    String raw = row.get(column);
    if (raw == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(raw);
      if (Double.isFinite(d) && Math.abs(d) <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RowRejected(
        "invalid field",
        column + "=" + RowRejected.quoted(raw) + " must be a number within ±" + max);
  }

  private static String required(SourceRow row, String column) throws RowRejected {
    String v = row.get(column);
    if (v == null) {
      throw new RowRejected("missing field", column + " is empty");
    }
    return v;
  }

  private static String text(SourceRow row, String column, boolean required, int max)
      throws RowRejected {
    String v = required ? required(row, column) : row.get(column);
    if (v != null) {
      String problem = TextRules.check(v, max);
      if (problem != null) {
        throw new RowRejected("invalid field", column + " " + problem);
      }
    }
    return v;
  }

  private static Instant time(SourceRow row, String column, boolean required) throws RowRejected {
    String raw = required ? required(row, column) : row.get(column);
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw new RowRejected(
          "unparseable date",
          column
              + "="
              + RowRejected.quoted(raw)
              + " must be ISO-8601 with an offset, e.g. 2025-03-04T08:15:00+07:00");
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, SourceRow row, String column, E dflt)
      throws RowRejected {
    String raw = row.get(column);
    if (raw == null) {
      if (dflt == null) {
        throw new RowRejected("missing field", column + " is empty");
      }
      return dflt;
    }
    try {
      return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RowRejected(
          "invalid field",
          column
              + "="
              + RowRejected.quoted(raw)
              + " is not one of "
              + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }
}
