package vn.onestop.intake.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic and random ids for events and cases.
 *
 * <p>Deterministic ids are RFC 4122 name-based UUIDs (version 3, MD5) of a {@code |}-joined name.
 * Writing the same fact twice therefore gives the same event id, which the SLA engine ignores the
 * second time (CaseEvent.eventId contract).
 */
public final class EventIds {
  private EventIds() {}

  /**
   * @param parts name parts, joined with {@code |}; none may be null
   * @return the version-3 UUID of the joined name, as a lower-case string
   */
  public static String derived(String... parts) {
    String name = String.join("|", parts);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * @return a random (version 4) UUID string
   */
  public static String random() {
    return UUID.randomUUID().toString();
  }
}
