package vn.onestop.bench;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer callback that keeps the first failed send, so a benchmark can send without waiting on
 * every record and still fail loudly (naming what failed) once it has flushed.
 */
final class SendErrors implements Callback {
  private final AtomicReference<Exception> first = new AtomicReference<>();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      first.compareAndSet(null, exception);
    }
  }

  /**
   * @param what the sender, for the message (e.g. {@code "storm producer"})
   * @throws IllegalStateException carrying the first failure, if a send failed
   */
  void check(String what) {
    Exception e = first.get();
    if (e != null) {
      throw new IllegalStateException(what + " failed: " + e, e);
    }
  }
}
