package vn.onestop.app.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.UnitHead;

/**
 * The org-unit directory the demo publishes to {@code org-units} before importing: a top unit (the
 * city), cabinets for the Boston departments it knows, and every handling unit found in the data.
 * Escalation therefore goes department head (level 1) → cabinet chief (level 2) → city (level 3).
 * Heads and contacts are synthetic placeholders (no real person is named).
 */
public final class DemoDirectory {
  /** Id of the top unit. */
  public static final String TOP = "CITY";

  private static final Map<String, String> CABINET_OF =
      Map.of(
          "PWDx",
          "CAB-STREETS",
          "BTDT",
          "CAB-STREETS",
          "BWSC",
          "CAB-STREETS",
          "PARK",
          "CAB-ENVIRONMENT",
          "PROP",
          "CAB-ENVIRONMENT",
          "ISD",
          "CAB-NEIGHBORHOODS",
          "INFO",
          "CAB-NEIGHBORHOODS",
          "DISB",
          "CAB-NEIGHBORHOODS",
          "BPS_",
          "CAB-NEIGHBORHOODS");
  private static final Map<String, String> CABINET_NAMES =
      Map.of(
          "CAB-STREETS", "Streets, Transportation & Water cabinet",
          "CAB-ENVIRONMENT", "Environment, Parks & Property cabinet",
          "CAB-NEIGHBORHOODS", "Neighborhood & Housing Services cabinet");

  private DemoDirectory() {}

  /**
   * @param units handling unit ids found in the data
   * @return the directory, parents before children
   */
  public static List<OrgUnit> units(SortedSet<String> units) {
    List<OrgUnit> out = new ArrayList<>();
    out.add(unit(TOP, "City Hall — city inspectorate (top unit)", null, 0));
    CABINET_NAMES.keySet().stream()
        .sorted()
        .forEach(c -> out.add(unit(c, CABINET_NAMES.get(c), TOP, 1)));
    for (String u : units) {
      String cabinet = CABINET_OF.get(u);
      out.add(
          cabinet != null ? unit(u, "Department " + u, cabinet, 2) : unit(u, "Unit " + u, TOP, 1));
    }
    return out;
  }

  /**
   * @param directory the published units
   * @return feed API keys: {@code demo-<unit>} for each head (UNIT_HEAD and SUPERVISOR) (own unit),
   *     {@code demo-city} (whole tree)
   */
  public static ApiKeyPrincipals principals(List<OrgUnit> directory) {
    Map<String, Principal> keys = new LinkedHashMap<>();
    for (OrgUnit u : directory) {
      keys.put(
          "demo-" + u.getUnitId().toLowerCase(java.util.Locale.ROOT),
          Principal.of(
              u.getHead().getOfficialId(),
              u.getLevel() < 2 ? Scope.subtree(u.getUnitId()) : Scope.unit(u.getUnitId()),
              Role.UNIT_HEAD,
              Role.SUPERVISOR));
    }
    return ApiKeyPrincipals.of(keys);
  }

  private static OrgUnit unit(String id, String name, String parent, int level) {
    return OrgUnit.newBuilder()
        .setUnitId(id)
        .setName(name)
        .setParentId(parent)
        .setLevel(level)
        .setHead(
            UnitHead.newBuilder()
                .setOfficialId("head-" + id)
                .setName("Head of " + id)
                .setContact("head-" + id.toLowerCase(java.util.Locale.ROOT) + "@example.invalid")
                .build())
        .setDeputyOfficialId("deputy-" + id)
        .setCalendarId("vn-civil-service")
        .setWebhookUrl(null)
        .build();
  }
}
