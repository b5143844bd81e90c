package vn.onestop.schema.directory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One org-unit version sent alone (e.g. {@code PUT /api/v1/units/{id}}) broke the directory's
 * rules; each problem names the JSON field of the file format ({@code docs/org-units.md}).
 */
public final class InvalidUnitException extends RuntimeException {
  /**
   * One broken rule.
   *
   * @param field the JSON field, e.g. {@code parentId}
   * @param message what is wrong, e.g. {@code unknown parent hn-nowhere of unit hn-x}
   */
  public record Problem(String field, String message) {}

  private final transient List<Problem> problems;

  /**
   * @param problems at least one problem
   */
  public InvalidUnitException(List<Problem> problems) {
    super(
        problems.stream()
            .map(p -> p.field() + ": " + p.message())
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /**
   * @return the problems, in the order the rules found them
   */
  public List<Problem> problems() {
    return problems;
  }
}
