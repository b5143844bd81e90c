package vn.onestop.feed;

import vn.onestop.schema.CaseAlert;

/**
 * Decides which alerts a principal may see (docs/design.md, Feed scope: feeds are scoped by unit).
 *
 * <ul>
 *   <li>{@link Scope#UNIT}: {@code alert.unitId == p.unitId} (his unit handles the case) or {@code
 *       alert.recipientUnitId == p.unitId} (the alert is addressed to his unit's head).
 *   <li>{@link Scope#SUBTREE}: the handling unit or the recipient unit lies in the subtree rooted
 *       at {@code p.unitId} (that unit included), following the org-units parent chain.
 * </ul>
 */
public final class AlertScope {
  private final OrgTree org;

  /**
   * @param org the org-units directory used for subtree membership
   */
  public AlertScope(OrgTree org) {
    this.org = org;
  }

  /**
   * @param p the caller
   * @param alert an alert
   * @return whether {@code p} may see {@code alert}
   */
  public boolean visible(Principal p, CaseAlert alert) {
    String unit = alert.getUnitId().toString();
    String recipient = alert.getRecipientUnitId().toString();
    return switch (p.scope()) {
      case UNIT -> p.unitId().equals(unit) || p.unitId().equals(recipient);
      case SUBTREE -> org.inSubtree(unit, p.unitId()) || org.inSubtree(recipient, p.unitId());
    };
  }
}
