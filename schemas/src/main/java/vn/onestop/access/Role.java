package vn.onestop.access;

/**
 * What an authenticated principal may do (docs/access.md). A principal may hold several roles.
 *
 * <ul>
 *   <li>{@link #INTAKE}: submit cases (web portal, hotline, Open311 clients) and read its own
 *       submissions.
 *   <li>{@link #OFFICER}: a case officer (cán bộ thụ lý): actions on cases whose handling unit is
 *       in the principal's {@link Scope}, as the signing table allows ({@link SigningRules}).
 *   <li>{@link #UNIT_HEAD}: the competent head (người có thẩm quyền giải quyết / thủ trưởng) of the
 *       units in scope: signs the decisions the law reserves to him (acceptance, suspension,
 *       extension, ...).
 *   <li>{@link #SUPERVISOR}: the alert feed and case reads in scope.
 *   <li>{@link #AUDITOR}: history, export, replay; case reads in scope.
 *   <li>{@link #ADMIN}: the org-unit directory and the principals.
 * </ul>
 */
public enum Role {
  INTAKE,
  OFFICER,
  UNIT_HEAD,
  SUPERVISOR,
  AUDITOR,
  ADMIN
}
