package vn.onestop.access;

/**
 * An authenticated principal lacks a role or a scope for what it asked. HTTP servers answer 403
 * with the message, which names what was missing (a role, a unit) and never a credential or
 * personal data.
 */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param missing what was missing, e.g. {@code role UNIT_HEAD is required to sign an acceptance
   *     of a khiếu nại (Luật Khiếu nại 2011, Art. 27)}
   */
  public AccessDeniedException(String missing) {
    super(missing);
  }
}
