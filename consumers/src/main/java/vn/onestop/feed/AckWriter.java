package vn.onestop.feed;

import vn.onestop.schema.CaseAcknowledgement;

/** Writes an acknowledgement or snooze and returns once Kafka acknowledged it (acks=all). */
@FunctionalInterface
public interface AckWriter {
  /**
   * @param record the record; its case id is the key, its {@code occurredAt} the timestamp
   * @return where it was written, {@code partition@offset}
   * @throws AckWriteException when the broker or the registry did not acknowledge in time (the
   *     record may or may not be in the log; a retry with the same Idempotency-Key is safe)
   */
  String write(CaseAcknowledgement record) throws AckWriteException;

  /** The write was not acknowledged. */
  final class AckWriteException extends Exception {
    /**
     * @param message what failed, without the record's content
     * @param cause the client's exception
     */
    public AckWriteException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
