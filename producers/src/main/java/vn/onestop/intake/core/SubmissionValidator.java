package vn.onestop.intake.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.Location;

/**
 * Checks the shape of a {@code POST /api/v1/cases} body and names every bad field.
 *
 * <p>Body: {@code category} (KHIEU_NAI | TO_CAO | PHAN_ANH | KIEN_NGHI, required), {@code
 * complaintLevel} (1 | 2, KHIEU_NAI only, default 1), {@code complexity}, {@code remoteArea},
 * {@code channel} (default WEB), {@code title} (≤ 200), {@code description} (required, ≤ 4000
 * characters), {@code unitId} and/or {@code location} {address, latitude, longitude} (one of them
 * required), {@code serviceCode}, {@code complainant} {fullName, phone, email, citizenId, address},
 * {@code subjectOfficialId}, {@code attachmentUrls} (≤ 20 http(s) URLs).
 *
 * <p>Complainant rules by category: KHIEU_NAI needs fullName and address (Luật Khiếu nại 2011, Art.
 * 8(2): the complaint states the complainant's name and address); TO_CAO needs fullName, address
 * and a contact (phone or email) (Luật Tố cáo 2018, Art. 23(1)); PHAN_ANH and KIEN_NGHI accept
 * anonymous submissions (Nghị định 20/2008/NĐ-CP). Pure: no Kafka, no I/O.
 */
public final class SubmissionValidator {
  /** Maximum description length in code points (Open311 GeoReport v2 and the Avro contract). */
  public static final int MAX_DESCRIPTION = 4000;

  private static final Set<String> FIELDS =
      Set.of(
          "category",
          "complaintLevel",
          "complexity",
          "remoteArea",
          "channel",
          "title",
          "description",
          "unitId",
          "serviceCode",
          "location",
          "complainant",
          "subjectOfficialId",
          "attachmentUrls");
  private static final Set<String> LOCATION_FIELDS = Set.of("address", "latitude", "longitude");
  private static final Set<String> COMPLAINANT_FIELDS =
      Set.of("fullName", "phone", "email", "citizenId", "address");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,19}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{9}|[0-9]{12}");
  private static final Set<Category> WEB_CATEGORIES =
      EnumSet.of(Category.KHIEU_NAI, Category.TO_CAO, Category.PHAN_ANH, Category.KIEN_NGHI);
  private static final Set<Channel> CHANNELS = EnumSet.allOf(Channel.class);
  private static final Set<Complexity> COMPLEXITIES = EnumSet.allOf(Complexity.class);

  /**
   * @param body the parsed JSON body
   * @return the submission
   * @throws InvalidFieldsException naming every invalid field (the HTTP channels answer 400)
   */
  public Submission validate(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidFieldsException(List.of(new FieldError("$", "body must be a JSON object")));
    }
    JsonFields f = JsonFields.root(body, errors);
    f.rejectUnknown(FIELDS);
    Category category = f.enumValue("category", true, Category.class, WEB_CATEGORIES);
    Integer level = f.integer("complaintLevel", false, 1, 2);
    if (level != null && category != null && category != Category.KHIEU_NAI) {
      f.error("complaintLevel", "only applies to category KHIEU_NAI");
    }
    if (level == null && category == Category.KHIEU_NAI) {
      level = 1;
    }
    Complexity complexity = f.enumValue("complexity", false, Complexity.class, COMPLEXITIES);
    Boolean remote = f.bool("remoteArea");
    Channel channel = f.enumValue("channel", false, Channel.class, CHANNELS);
    String title = f.text("title", false, 200);
    String description = f.text("description", true, MAX_DESCRIPTION);
    String unitId = f.unitId("unitId", false);
    String serviceCode = f.id("serviceCode", false);
    Location location = location(f);
    if (!f.has("unitId") && !f.has("location")) {
      f.error("unitId", "unitId or location is required");
    }
    Complainant complainant = complainant(f, category);
    String subject = f.id("subjectOfficialId", false);
    List<String> urls = urls(f);
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    return new Submission(
        category,
        category == Category.KHIEU_NAI ? level : null,
        complexity == null ? Complexity.NORMAL : complexity,
        Boolean.TRUE.equals(remote),
        channel == null ? Channel.WEB : channel,
        title,
        description,
        unitId,
        serviceCode,
        location,
        complainant,
        subject,
        urls);
  }

  private static Location location(JsonFields f) {
    JsonFields l = f.object("location", false);
    if (l == null) {
      return null;
    }
    l.rejectUnknown(LOCATION_FIELDS);
    String address = l.text("address", false, 500);
    Double lat = l.number("latitude", -90, 90);
    Double lon = l.number("longitude", -180, 180);
    if (l.has("latitude") != l.has("longitude")) {
      l.error(
          l.has("latitude") ? "longitude" : "latitude",
          "latitude and longitude must be given together");
    }
    if (!l.has("address") && !l.has("latitude") && !l.has("longitude")) {
      l.error("address", "location needs an address or latitude and longitude");
    }
    return new Location(address, lat, lon);
  }

  private static Complainant complainant(JsonFields f, Category category) {
    boolean identityRequired = category == Category.KHIEU_NAI || category == Category.TO_CAO;
    JsonFields c = f.object("complainant", identityRequired);
    if (c == null) {
      return null;
    }
    c.rejectUnknown(COMPLAINANT_FIELDS);
    String name = c.text("fullName", identityRequired, 200);
    String phone =
        c.matching(
            "phone", false, 20, PHONE, "a phone number of 6-20 digits, optionally starting with +");
    String email = c.matching("email", false, 254, EMAIL, "an e-mail address");
    String citizenId = c.matching("citizenId", false, 12, CITIZEN_ID, "9 or 12 digits (CMND/CCCD)");
    String address = c.text("address", identityRequired, 500);
    if (category == Category.TO_CAO && !c.has("phone") && !c.has("email")) {
      c.error(
          "phone",
          "a denunciation (TO_CAO) needs a contact: phone or email (Luật Tố cáo 2018, Art. 23)");
    }
    if (!identityRequired
        && name == null
        && phone == null
        && email == null
        && citizenId == null
        && address == null) {
      return null;
    }
    return new Complainant(name, phone, email, citizenId, address);
  }

  private static List<String> urls(JsonFields f) {
    JsonNode v = f.raw("attachmentUrls");
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      f.error("attachmentUrls", "must be an array of http(s) URLs");
      return out;
    }
    if (v.size() > 20) {
      f.error("attachmentUrls", "at most 20 URLs, got " + v.size());
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String field = "attachmentUrls[" + i + "]";
      JsonNode u = v.get(i);
      if (!u.isTextual() || !isHttpUrl(u.textValue())) {
        f.error(field, "must be an absolute http(s) URL of at most 2000 characters");
      } else {
        out.add(u.textValue());
      }
    }
    return out;
  }

  static boolean isHttpUrl(String s) {
    if (s.length() > 2000 || TextRules.check(s, 2000) != null) {
      return false;
    }
    try {
      URI uri = new URI(s);
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
