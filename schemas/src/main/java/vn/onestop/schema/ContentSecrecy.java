package vn.onestop.schema;

/**
 * Which submissions' content may be shown outside the case file: the one rule the intake's public
 * reads and the engine's case state (for the supervisors' cockpit) both apply (docs/law.md,
 * Secrecy).
 */
public final class ContentSecrecy {
  private ContentSecrecy() {}

  /**
   * Whether a submission's content (title, description, location, attachments) may be shown: never
   * for a tố cáo (the denouncer is protected, and the text names them and the accused: docs/law.md,
   * "The denouncer's identity is secret") nor for a khiếu nại (documented policy choice: its text
   * names the complainant and the decision complained of); for the other categories unless the
   * submitter asked otherwise ({@code Submitted.publicContent = false}).
   *
   * @param s a Submitted payload
   * @return true when its content may be shown
   */
  public static boolean contentPublic(Submitted s) {
    return switch (s.getCategory()) {
      case KHIEU_NAI, TO_CAO, UNKNOWN -> false;
      default -> s.getPublicContent();
    };
  }
}
