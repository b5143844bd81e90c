package vn.onestop.infra.junit;

/** Reads a setting from a system property, else an environment variable. */
final class Settings {
  private Settings() {}

  /**
   * @return the non-blank value of the property, else of the variable, else null
   */
  static String get(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
