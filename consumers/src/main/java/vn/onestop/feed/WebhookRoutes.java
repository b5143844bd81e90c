package vn.onestop.feed;

import java.util.LinkedHashSet;
import java.util.Set;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;

/**
 * Which webhook URLs an alert goes to: those of the units that see it under {@link Scope#UNIT}, the
 * handling unit ({@code alert.unitId}) and the recipient unit ({@code alert.recipientUnitId}), from
 * their {@code OrgUnit.webhookUrl} in the latest directory. Units sharing one URL share one
 * receiver, so such a receiver gets each alert once.
 */
public final class WebhookRoutes {
  private WebhookRoutes() {}

  /**
   * @param alert the alert
   * @param org the directory
   * @return the distinct non-blank URLs, handling unit's first; empty if neither unit has one
   */
  public static Set<String> urls(CaseAlert alert, OrgTree org) {
    Set<String> urls = new LinkedHashSet<>();
    add(urls, org, alert.getUnitId());
    add(urls, org, alert.getRecipientUnitId());
    return urls;
  }

  /**
   * @param org the directory
   * @return every distinct non-blank webhook URL of the directory's units
   */
  public static Set<String> inUse(OrgTree org) {
    Set<String> urls = new LinkedHashSet<>();
    for (OrgUnit u : org.all().values()) {
      if (u.getWebhookUrl() != null && !u.getWebhookUrl().toString().isBlank()) {
        urls.add(u.getWebhookUrl().toString());
      }
    }
    return urls;
  }

  private static void add(Set<String> urls, OrgTree org, CharSequence unitId) {
    if (unitId == null) {
      return;
    }
    org.unit(unitId.toString())
        .map(OrgUnit::getWebhookUrl)
        .map(CharSequence::toString)
        .filter(u -> !u.isBlank())
        .ifPresent(urls::add);
  }
}
