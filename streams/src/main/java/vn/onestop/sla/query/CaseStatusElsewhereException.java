package vn.onestop.sla.query;

/**
 * The case's partition is hosted by another engine instance (only when several instances run with
 * {@code application.server} set). The query itself does not forward: the caller asks {@link
 * #host()}:{@link #port()} (the app's status lookup forwards the query there over HTTP).
 */
public final class CaseStatusElsewhereException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String host;
  private final int port;

  /**
   * @param caseId the case asked for
   * @param host host of the instance that owns it
   * @param port port of that instance's {@code application.server}
   */
  public CaseStatusElsewhereException(String caseId, String host, int port) {
    super("case " + caseId + " is hosted by the engine instance at " + host + ":" + port);
    this.host = host;
    this.port = port;
  }

  /**
   * @return host of the owning instance
   */
  public String host() {
    return host;
  }

  /**
   * @return port of the owning instance's {@code application.server}
   */
  public int port() {
    return port;
  }
}
