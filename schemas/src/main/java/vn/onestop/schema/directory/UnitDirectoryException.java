package vn.onestop.schema.directory;

import java.util.List;

/**
 * A directory file that failed validation: every error as {@code file:line: message}, in file
 * order. Nothing was written.
 */
public final class UnitDirectoryException extends RuntimeException {
  private final List<String> errors;

  /**
   * @param errors {@code file:line: message} lines, at least one
   */
  public UnitDirectoryException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /**
   * @return the errors, {@code file:line: message} each
   */
  public List<String> errors() {
    return errors;
  }
}
