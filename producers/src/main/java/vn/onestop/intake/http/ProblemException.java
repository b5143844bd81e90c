package vn.onestop.intake.http;

/** Thrown by handlers to answer with a {@link Problem}; the server renders it. */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  /**
   * @param problem the problem to answer with
   */
  public ProblemException(Problem problem) {
    super(problem.status() + " " + problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  /**
   * @return the problem to render
   */
  public Problem problem() {
    return problem;
  }
}
