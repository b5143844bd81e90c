package vn.onestop.intake.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.InvalidFieldsException;
import vn.onestop.intake.core.Submission;
import vn.onestop.intake.core.SubmissionValidator;

/**
 * Maps a GeoReport v2 {@code POST requests} form to a {@link Submission}, checked by the same
 * {@link SubmissionValidator} as the JSON API, and renames fields in errors back to their Open311
 * names.
 *
 * <p>Mapping: service → category and unit; {@code description} (service name when empty); {@code
 * lat}/{@code long}/{@code address_string} (or {@code address_id}) → location; {@code last_name
 * first_name} → complainant full name (Vietnamese order: family name first), {@code email}, {@code
 * phone}; {@code media_url} → attachment; channel MOBILE_APP when {@code device_id} is given, else
 * WEB; {@code public_content} ({@code true}/{@code false}, default true) → publicContent (whether
 * the description, location and photo may be shown on public reads). {@code jurisdiction_id} and
 * {@code attribute[...]} are ignored (one jurisdiction, no service attributes).
 */
public final class Open311Submissions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> OPEN311_NAMES =
      Map.of(
          "description", "description",
          "location.latitude", "lat",
          "location.longitude", "long",
          "location.address", "address_string",
          "complainant.fullName", "first_name/last_name",
          "complainant.email", "email",
          "complainant.phone", "phone",
          "attachmentUrls[0]", "media_url");

  private final SubmissionValidator validator = new SubmissionValidator();

  /**
   * @param service the requested service
   * @param form the form
   * @return the submission and its canonical JSON (for idempotency)
   * @throws InvalidFieldsException naming the Open311 fields (400 on the wire)
   */
  public Submission toSubmission(ServiceType service, FormBody form) {
    ObjectNode n = JSON.createObjectNode();
    n.put("category", service.category().name());
    n.put("channel", form.get("device_id") != null ? "MOBILE_APP" : "WEB");
    n.put("unitId", service.unitId());
    n.put("serviceCode", service.code());
    String description = form.get("description");
    n.put("description", description != null ? description : service.name());
    List<FieldError> pre = new java.util.ArrayList<>();
    String lat = form.get("lat");
    String lon = form.get("long");
    String address =
        form.get("address_string") != null ? form.get("address_string") : form.get("address_id");
    if (lat == null && lon == null && address == null) {
      pre.add(
          new FieldError(
              "lat/long", "a location is required: lat and long, address_string or address_id"));
    }
    if ((lat == null) != (lon == null)) {
      pre.add(new FieldError(lat == null ? "lat" : "long", "lat and long must be sent together"));
    }
    ObjectNode loc = JSON.createObjectNode();
    if (address != null) {
      loc.put("address", address);
    }
    putNumber(loc, "latitude", lat, "lat", pre);
    putNumber(loc, "longitude", lon, "long", pre);
    if (loc.size() > 0) {
      n.set("location", loc);
    }
    String first = form.get("first_name");
    String last = form.get("last_name");
    ObjectNode who = JSON.createObjectNode();
    if (first != null || last != null) {
      who.put("fullName", ((last == null ? "" : last) + " " + (first == null ? "" : first)).trim());
    }
    if (form.get("email") != null) {
      who.put("email", form.get("email"));
    }
    if (form.get("phone") != null) {
      who.put("phone", form.get("phone"));
    }
    if (who.size() > 0) {
      n.set("complainant", who);
    }
    if (form.get("media_url") != null) {
      n.putArray("attachmentUrls").add(form.get("media_url"));
    }
    String pub = form.get("public_content");
    if (pub != null) {
      if (pub.equals("true") || pub.equals("false")) {
        n.put("publicContent", Boolean.parseBoolean(pub));
      } else {
        pre.add(new FieldError("public_content", "must be true or false"));
      }
    }
    try {
      Submission s = validator.validate(n);
      if (!pre.isEmpty()) {
        throw new InvalidFieldsException(pre);
      }
      return s;
    } catch (InvalidFieldsException e) {
      List<FieldError> renamed = new java.util.ArrayList<>(pre);
      for (FieldError fe : e.errors()) {
        String name = OPEN311_NAMES.getOrDefault(fe.field(), fe.field());
        if (renamed.stream().noneMatch(r -> r.field().equals(name))) {
          renamed.add(new FieldError(name, fe.message()));
        }
      }
      throw new InvalidFieldsException(renamed);
    }
  }

  private static void putNumber(
      ObjectNode loc, String field, String value, String name, List<FieldError> errors) {
    if (value == null) {
      return;
    }
    try {
      double d = Double.parseDouble(value.trim());
      loc.put(field, d);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a decimal number (WGS84 degrees)"));
    }
  }
}
