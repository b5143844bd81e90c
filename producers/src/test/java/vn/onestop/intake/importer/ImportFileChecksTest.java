package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-file checks of the hotline import, made before anything is written to Kafka (the options
 * name an address nobody listens on: reaching Kafka would fail differently).
 */
class ImportFileChecksTest {
  @TempDir Path dir;

  private HotlineImporter importer() {
    return new HotlineImporter(
        ImportOptions.defaults("127.0.0.1:1", "http://127.0.0.1:1", dir.resolve("rejects.csv"))
            .withOutput(
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                false));
  }

  @Test
  void aHeaderWithoutTheProfilesColumnsIsRefusedNamingThem() throws IOException {
    Path nyc = dir.resolve("nyc.csv");
    Files.writeString(
        nyc,
        "Unique Key,Created Date,Agency\n1,01/01/2020 10:00:00 AM,DOT\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> importer().run(List.of(nyc), new Boston311Profile()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nyc.csv:1")
        .hasMessageContaining("CASE_ENQUIRY_ID")
        .hasMessageContaining("--profile");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "", StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> importer().run(List.of(empty), new NativeProfile(java.util.Optional.empty())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("no header");
  }

  @Test
  void aHeaderWithoutRowsIsRefused() throws IOException {
    Path headerOnly = dir.resolve("header-only.csv");
    Files.writeString(
        headerOnly,
        "source_id,category,submitted_at,unit_id,description\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                importer().run(List.of(headerOnly), new NativeProfile(java.util.Optional.empty())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("header-only.csv: no data rows");
  }
}
