package vn.onestop.feed;

import vn.onestop.access.Principal;
import vn.onestop.access.Scope;
import vn.onestop.schema.CaseAlert;

/**
 * Decides which alerts a principal may see (docs/design.md, Feed scope: feeds are scoped by unit).
 *
 * <ul>
 *   <li>{@link Scope.Kind#ALL}: every alert; {@link Scope.Kind#NONE}: none.
 *   <li>{@link Scope.Kind#UNIT}: {@code alert.unitId} is the scope's unit (his unit handles the
 *       case) or {@code alert.recipientUnitId} is (the alert is addressed to his unit's head).
 *   <li>{@link Scope.Kind#SUBTREE}: the handling unit or the recipient unit lies in the subtree
 *       rooted at the scope's unit (that unit included), following the org-units parent chain.
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
    return visible(p, alert.getUnitId().toString(), alert.getRecipientUnitId().toString());
  }

  /**
   * @param p the caller
   * @param unit the case's handling unit
   * @param recipient the unit an alert went to, or null when only the handling unit counts
   * @return whether {@code p} may see a case of {@code unit} alerted to {@code recipient}
   */
  public boolean visible(Principal p, String unit, String recipient) {
    String mine = p.scope().unitId();
    return switch (p.scope().kind()) {
      case ALL -> true;
      case NONE -> false;
      case UNIT -> mine.equals(unit) || mine.equals(recipient);
      case SUBTREE ->
          org.inSubtree(unit, mine) || (recipient != null && org.inSubtree(recipient, mine));
    };
  }

  /**
   * @param p the caller
   * @param unitId a unit id, e.g. the cockpit's {@code unit} filter
   * @return whether that unit lies in {@code p}'s scope (its unit, or its subtree, or everything)
   */
  public boolean covers(Principal p, String unitId) {
    String mine = p.scope().unitId();
    return switch (p.scope().kind()) {
      case ALL -> true;
      case NONE -> false;
      case UNIT -> mine.equals(unitId);
      case SUBTREE -> org.inSubtree(unitId, mine);
    };
  }
}
