package vn.onestop.ids;

import java.util.regex.Pattern;

/**
 * The syntax of an org-unit id, checked wherever a unit id enters (the directory file and API, case
 * submissions, actions, transfers, imports): 1–64 ASCII letters, digits, {@code .}, {@code _} or
 * {@code -}, starting with a letter or digit, e.g. {@code hn-hoan-kiem-hang-bac}. ASCII only, so a
 * look-alike from another script (Cyrillic {@code а} for Latin {@code a}) or markup ({@code
 * <b>unit</b>}) is refused instead of naming a unit no one receives alerts for (docs/org-units.md).
 */
public final class UnitIds {
  /** The pattern of a valid unit id. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** What a valid id looks like, for messages. */
  public static final String EXPECTED =
      "1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

  private UnitIds() {}

  /**
   * @param id a unit id, may be null
   * @return whether it has the unit-id syntax
   */
  public static boolean valid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
