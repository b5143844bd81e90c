package vn.onestop.intake.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reject file: CSV with header {@code file,line,source_id,reason,detail}, one row per rejected
 * input row, UTF-8. Created (or replaced) when the import starts.
 */
public final class RejectFile implements AutoCloseable {
  private final CSVPrinter printer;
  private final Path path;

  /**
   * @param path where to write
   * @throws IOException when it cannot be created
   */
  public RejectFile(Path path) throws IOException {
    this.path = path;
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    this.printer =
        new CSVPrinter(
            w,
            CSVFormat.RFC4180
                .builder()
                .setHeader("file", "line", "source_id", "reason", "detail")
                .get());
  }

  /**
   * @param file input file name
   * @param line line number
   * @param sourceId source id if known
   * @param reason short category
   * @param detail column and value
   */
  public void write(String file, long line, String sourceId, String reason, String detail) {
    try {
      printer.printRecord(file, line, sourceId == null ? "" : sourceId, reason, detail);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reject file " + path, e);
    }
  }

  /**
   * @return the file's path
   */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
