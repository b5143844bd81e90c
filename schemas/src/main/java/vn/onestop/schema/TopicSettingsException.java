package vn.onestop.schema;

import java.util.List;

/**
 * Existing topics whose settings differ from the product's ({@link Topic#configs()}); thrown by
 * {@link TopicAdmin#ensure}. The message has one line per wrong setting, each naming topic,
 * setting, actual and required value, so that a service can refuse to start with those lines and no
 * stack trace.
 */
public final class TopicSettingsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** One line per wrong setting. */
  private final List<String> problems;

  /**
   * @param problems one line per missing topic or wrong setting, not empty
   */
  public TopicSettingsException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * @return one line per missing topic or wrong setting
   */
  public List<String> problems() {
    return problems;
  }
}
