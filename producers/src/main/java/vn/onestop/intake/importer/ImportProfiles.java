package vn.onestop.intake.importer;

import java.util.List;
import java.util.Optional;
import vn.onestop.intake.crypto.IdentityCipher;

/** Looks up mapping profiles by the name given on the command line. */
public final class ImportProfiles {
  /** Names accepted by {@link #byName}. */
  public static final List<String> NAMES = List.of("native", "boston311", "nyc311");

  private ImportProfiles() {}

  /**
   * @param name {@code native}, {@code boston311} or {@code nyc311}
   * @param cipher identity cipher for native TO_CAO rows
   * @return the profile
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static ImportProfile byName(String name, Optional<IdentityCipher> cipher) {
    return byName(name, cipher, EventTimeBounds.system());
  }

  /**
   * @param name {@code native}, {@code boston311} or {@code nyc311}
   * @param cipher identity cipher for native TO_CAO rows
   * @param bounds range of the rows' event times (opening and closing times)
   * @return the profile
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static ImportProfile byName(
      String name, Optional<IdentityCipher> cipher, EventTimeBounds bounds) {
    return switch (name) {
      case "native" -> new NativeProfile(cipher, bounds);
      case "boston311" -> new Boston311Profile(bounds);
      case "nyc311" -> new Nyc311Profile(bounds);
      default ->
          throw new IllegalArgumentException(
              "unknown import profile '" + name + "'; known: " + NAMES);
    };
  }
}
