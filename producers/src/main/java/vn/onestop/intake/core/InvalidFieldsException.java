package vn.onestop.intake.core;

import java.util.List;

/**
 * Every invalid field of one input, thrown by the core's validators so that one answer names all of
 * them. Channels translate it: the HTTP server answers 400 {@code application/problem+json}
 * (Open311 routes an Open311 error list), Open311 first renames the fields to its own names.
 * Messages quote at most a short preview of a value ({@link TextRules#preview}), never a
 * complainant's identity.
 */
public final class InvalidFieldsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  /**
   * @param errors the invalid fields, at least one
   * @throws IllegalArgumentException when {@code errors} is empty
   */
  public InvalidFieldsException(List<FieldError> errors) {
    super(summary(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  /**
   * @return the invalid fields, in the order they were found
   */
  public List<FieldError> errors() {
    return errors;
  }

  /**
   * @param errors invalid fields
   * @return e.g. {@code 2 invalid fields: category, description}
   */
  public static String summary(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("no invalid field given");
    }
    StringBuilder s =
        new StringBuilder(
            errors.size() == 1 ? "1 invalid field: " : errors.size() + " invalid fields: ");
    for (int i = 0; i < errors.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(errors.get(i).field());
    }
    return s.toString();
  }
}
