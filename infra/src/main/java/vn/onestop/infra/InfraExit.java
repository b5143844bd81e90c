package vn.onestop.infra;

/**
 * Orders work at JVM exit (Ctrl-C, SIGTERM): the infrastructure started by this module (embedded
 * brokers, registry processes) closes itself from one shutdown hook; an application that runs
 * clients against it (a Kafka Streams app committing a transaction, a producer flushing) registers
 * them here so that the same hook closes them first, while the broker is still up. JVM shutdown
 * hooks otherwise run concurrently, and a broker stopped under a closing streams app makes the app
 * wait for its timeouts.
 */
public final class InfraExit {
  private InfraExit() {}

  /**
   * @param clients closed at JVM exit before any broker or registry of this JVM; newest first
   */
  public static void closeBeforeInfrastructure(AutoCloseable clients) {
    JvmExit.closeBeforeInfrastructure(clients);
  }

  /**
   * @param clients a registration that is no longer needed (closed normally)
   */
  public static void forget(AutoCloseable clients) {
    JvmExit.forgetClient(clients);
  }
}
