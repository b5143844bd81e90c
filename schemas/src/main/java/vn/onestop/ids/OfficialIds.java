package vn.onestop.ids;

import java.util.regex.Pattern;

/**
 * The syntax of the id of an official, an intake client or another actor (also of service codes and
 * source ids), checked wherever such an id enters: case submissions and actions ({@code officerId},
 * ...), imports, principals files and key lists, and a JWT's {@code sub} claim, which becomes the
 * {@code Actor.officialId} of the events a caller writes. 1–64 letters (any script), digits, {@code
 * .}, {@code _}, {@code :}, {@code /} or {@code -}: no spaces, no markup.
 */
public final class OfficialIds {
  /** The pattern of a valid id. */
  public static final Pattern PATTERN = Pattern.compile("[\\p{L}\\p{N}._:/-]{1,64}");

  /** What a valid id looks like, for messages. */
  public static final String EXPECTED = "1-64 letters, digits or . _ : / -";

  private OfficialIds() {}

  /**
   * @param id an id, may be null
   * @return whether it has the id syntax
   */
  public static boolean valid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
