package vn.onestop.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;

/** Deletes the temporary directories the app creates (engine state, extracted data). */
final class TempDirs {
  private TempDirs() {}

  /** Deletes a directory tree; a missing directory is fine. */
  static void delete(Path dir) {
    try {
      Utils.delete(dir.toFile()); // Kafka's recursive delete: a missing directory is fine
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
