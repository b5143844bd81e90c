package vn.onestop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * References in code and data point to files of this repository: every {@code docs/NAME.md} named
 * in a Java source or a resource exists (and so does the section named after it, as in {@code
 * docs/law.md, Deadline rules}), and nothing cites documents outside the repository or issue
 * numbers.
 */
class DocumentReferencesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> MODULES =
      List.of("infra", "schemas", "streams", "producers", "consumers", "app", "benchmarks");
  private static final Pattern DOC_REF =
      Pattern.compile("docs/([a-z0-9-]+\\.md)(?:, ([A-Z][A-Za-z ]*[a-z]|OQ[0-9]+))?");
  private static final Pattern OUTSIDE =
      Pattern.compile("DESIGN \\x{00A7}|DESIGN\\.md|(?i:domain[ -]brief)|(?i:\\bissue #?[0-9]+)");

  private static List<Path> sources() {
    List<Path> out = new ArrayList<>();
    for (String m : MODULES) {
      Path src = ROOT.resolve(m).resolve("src");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(src)) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".json"))
            .filter(p -> !p.toString().contains("/resources/boston311-"))
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return true when a heading of the document (or a bold term such as {@code **OQ6**}) begins the
   *     referenced text, or the referenced text begins a heading
   */
  private static boolean hasSection(Path doc, String name) {
    for (String l : lines(doc)) {
      String h = null;
      if (l.startsWith("#")) {
        h = l.replaceFirst("^#+\\s*", "").trim();
      } else if (l.contains("**" + name + "**")) {
        return true;
      }
      if (h != null && !h.isEmpty() && (name.startsWith(h) || h.startsWith(name))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void docReferencesNameFilesAndSectionsThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    int seen = 0;
    for (Path p : sources()) {
      List<String> ls = lines(p);
      for (int i = 0; i < ls.size(); i++) {
        Matcher m = DOC_REF.matcher(ls.get(i));
        while (m.find()) {
          seen++;
          Path doc = ROOT.resolve("docs").resolve(m.group(1));
          String where = ROOT.relativize(p) + ":" + (i + 1);
          if (!Files.isRegularFile(doc)) {
            broken.add(where + " names docs/" + m.group(1) + ", which does not exist");
          } else if (m.group(2) != null && !hasSection(doc, m.group(2))) {
            broken.add(
                where
                    + " names section '"
                    + m.group(2)
                    + "' of docs/"
                    + m.group(1)
                    + ": not there");
          }
        }
      }
    }
    assertThat(seen).as("doc references found (a scan that finds none is broken)").isPositive();
    assertThat(broken).as("references to docs that do not exist").isEmpty();
  }

  @Test
  void nothingCitesDocumentsOutsideTheRepositoryOrIssueNumbers() {
    List<String> found = new ArrayList<>();
    for (Path p : sources()) {
      if (p.endsWith("DocumentReferencesTest.java")) {
        continue;
      }
      List<String> ls = lines(p);
      for (int i = 0; i < ls.size(); i++) {
        if (OUTSIDE.matcher(ls.get(i)).find()) {
          found.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + ls.get(i).trim());
        }
      }
    }
    assertThat(found)
        .as(
            "lines citing documents outside the repository or issue numbers (point to docs/design.md"
                + " or docs/law.md instead)")
        .isEmpty();
  }
}
