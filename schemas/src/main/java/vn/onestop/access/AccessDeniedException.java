package vn.onestop.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An authenticated principal lacks a role or a scope for what it asked. HTTP servers answer 403
 * with the message, which names what was missing (a role, a unit) and never a credential or
 * personal data, and list {@link #missing()} in the problem's {@code errors} member, the shape of a
 * 400's invalid fields: {@code [{"field": "role", "message": ...}, {"field": "article", ...}]}.
 */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What was missing: a role ({@value}), by the role names required. */
  public static final String ROLE = "role";

  /** The legal source of the signing rule that requires the role ({@value}). */
  public static final String ARTICLE = "article";

  /** A unit outside the principal's scope ({@value}). */
  public static final String UNIT = "unit";

  /** A unit scope the principal does not have at all ({@value}). */
  public static final String SCOPE = "scope";

  /** An action the signing table has no row for ({@value}). */
  public static final String ACTION = "action";

  private final Map<String, String> missing;

  /**
   * @param message what was missing, e.g. {@code role UNIT_HEAD is required to sign an acceptance
   *     of a khiếu nại (Luật Khiếu nại 2011, Điều 27)}
   */
  public AccessDeniedException(String message) {
    this(message, Map.of());
  }

  /**
   * @param message what was missing, in a sentence
   * @param missing each requirement not met ({@link #ROLE}, {@link #ARTICLE}, {@link #UNIT}, {@link
   *     #SCOPE}, {@link #ACTION}) to a short text naming it, in the order to list them
   */
  public AccessDeniedException(String message, Map<String, String> missing) {
    super(message);
    this.missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
  }

  /**
   * @return each requirement not met to a short text naming it (role names, the article, the unit);
   *     empty when only the message says
   */
  public Map<String, String> missing() {
    return missing;
  }
}
