package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSourceTest {
  private static final String CSV = "source_id,description\nA-1,Phản ánh\nA-2,Kiến nghị\n";

  @TempDir Path dir;

  private static List<SourceRow> rows(Path file) throws IOException {
    List<SourceRow> rows = new ArrayList<>();
    RowSource.read(
        file,
        new RowSource.Sink() {
          @Override
          public void row(SourceRow row) {
            rows.add(row);
          }

          @Override
          public void unreadable(String file, long line, String detail) {
            throw new AssertionError(file + ":" + line + ": " + detail);
          }
        });
    return rows;
  }

  @Test
  void readsGzipCompressedCsv() throws IOException {
    Path file = dir.resolve("export.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(CSV.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(rows(file)).hasSize(2);
  }

  @Test
  void namesFileAndLineOfTextThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.csv");
    byte[] good = "source_id,description\nA-1,ok\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "A-2,Ph\u00e1n \u00e1nh\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(file, all);
    assertThatThrownBy(() -> rows(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("latin1.csv:3: not valid UTF-8");
  }
}
