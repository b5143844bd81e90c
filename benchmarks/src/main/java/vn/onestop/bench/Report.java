package vn.onestop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of one run: printed as they are measured, and written as a Markdown section between
 * {@value #BEGIN} and {@value #END} in the report file, leaving the hand-written text around it
 * alone.
 */
final class Report {
  static final String BEGIN =
      "<!-- bench:begin (written by ./bench; text outside these markers is kept) -->";
  static final String END = "<!-- bench:end -->";

  /** One measured figure. */
  record Row(String item, String figure, String value, String target, String verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> profiles = new ArrayList<>();

  /** Adds a figure without a target. */
  void figure(String item, String figure, String value) {
    add(new Row(item, figure, value, "", ""));
  }

  /**
   * Adds a figure with its target.
   *
   * @param met whether the target is met (printed as "met"/"MISSED"; a figure, never an assertion)
   */
  void target(String item, String figure, String value, String target, boolean met) {
    add(new Row(item, figure, value, target, met ? "met" : "MISSED"));
  }

  private void add(Row r) {
    rows.add(r);
    System.out.printf(
        Locale.ROOT,
        "  [%s] %-58s %s%s%n",
        r.item(),
        r.figure(),
        r.value(),
        r.target().isEmpty() ? "" : "   (target " + r.target() + ": " + r.verdict() + ")");
  }

  /** A remark printed and written under the table. */
  void note(String text) {
    notes.add(text);
    System.out.println("  note: " + text);
  }

  /** A profile summary (pre-formatted text). */
  void profile(String title, String text) {
    profiles.add("#### " + title + "\n\n```\n" + text.strip() + "\n```\n");
    System.out.println("  profile " + title + ":\n" + text.indent(4));
  }

  /**
   * @return the generated Markdown section (without markers)
   */
  String markdown(String machine, String header) {
    StringBuilder b = new StringBuilder();
    b.append(header).append("\n\n");
    b.append(machine).append("\n");
    b.append("| item | figure | value | target | verdict |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ")
          .append(r.item())
          .append(" | ")
          .append(r.figure())
          .append(" | ")
          .append(r.value())
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.verdict())
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      b.append("\nNotes of this run:\n\n");
      notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
    if (!profiles.isEmpty()) {
      b.append("\n### JFR profiles of this run (hot methods by own CPU samples)\n\n");
      profiles.forEach(p -> b.append(p).append('\n'));
    }
    return b.toString();
  }

  /**
   * Writes the section into {@code file} between the markers (replacing an earlier section),
   * creating the file (and its directory) when missing. The new content is written to a temporary
   * file first and moved over the old one, so an interrupted run never leaves a half-written
   * report.
   *
   * @throws UncheckedIOException if the file cannot be read or written
   */
  void writeInto(Path file, String section) {
    try {
      String old =
          Files.exists(file)
              ? Files.readString(file, StandardCharsets.UTF_8)
              : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
      int b = old.indexOf(BEGIN);
      int e = old.indexOf(END);
      String text;
      if (b < 0 || e < b) {
        text = old.stripTrailing() + "\n\n" + BEGIN + "\n" + section + END + "\n";
      } else {
        text = old.substring(0, b) + BEGIN + "\n" + section + old.substring(e);
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".benchmarks", ".md");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "cannot write the report " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** Formats a rate. */
  static String perSecond(double v) {
    return String.format(Locale.ROOT, "%,.0f events/s", v);
  }

  /** Formats nanoseconds as a readable duration. */
  static String nanos(long ns) {
    if (ns < 10_000) {
      return String.format(Locale.ROOT, "%,d ns", ns);
    }
    if (ns < 10_000_000) {
      return String.format(Locale.ROOT, "%,.1f µs", ns / 1e3);
    }
    if (ns < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%,.1f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%,.1f s", ns / 1e9);
  }

  /** Formats bytes as MiB. */
  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
