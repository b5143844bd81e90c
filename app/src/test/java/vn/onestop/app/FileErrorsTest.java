package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the user named that cannot be used is one line saying what is wrong with it, not the JDK's
 * bare path ({@code NoSuchFileException.getMessage()} is the path alone).
 */
class FileErrorsTest {
  @TempDir Path dir;

  @Test
  void eachFileProblemSaysWhatIsWrong() {
    assertThat(Main.fileProblem(new NoSuchFileException("/x/p.json")))
        .isEqualTo("/x/p.json: no such file or directory");
    assertThat(Main.fileProblem(new FileAlreadyExistsException("/x/out")))
        .isEqualTo("/x/out: already exists and is not a directory");
    assertThat(Main.fileProblem(new NotDirectoryException("/x/out")))
        .isEqualTo("/x/out: not a directory");
    assertThat(Main.fileProblem(new AccessDeniedException("/x/k.jwk")))
        .isEqualTo("/x/k.jwk: permission denied");
  }

  @Test
  void aMissingDraftPolicyFileIsNamedWithItsProblemBeforeAnyClusterIsAsked() {
    String missing = dir.resolve("draft.json").toString();
    CommandRun run =
        CommandRun.of(
            new String[] {
              "audit",
              "what-if",
              "--policies",
              missing,
              "--from",
              "2026-01-01T00:00:00Z",
              "--to",
              "2026-02-01T00:00:00Z",
              "--bootstrap-servers",
              "127.0.0.1:1",
              "--schema-registry-url",
              "http://127.0.0.1:1"
            });
    assertThat(run.status()).isNotZero();
    assertThat(run.err())
        .isEqualTo("onestop audit what-if: " + missing + ": no such file or directory\n");
  }
}
