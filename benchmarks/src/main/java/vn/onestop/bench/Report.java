package vn.onestop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one run: printed as they are measured, and written as a Markdown section between
 * {@value #BEGIN} and {@value #END} in the report file, leaving the hand-written text around it
 * alone. Inside the section every item has a block of its own, between {@code <!-- bench:item N
 * -->} and {@code <!-- bench:item-end N -->}, with the run line and machine of the run that
 * measured it: a run replaces the blocks of the items it ran and keeps the others, so {@code
 * --items 8} leaves items 1..7 as they were. A section without blocks (the format before blocks) is
 * split by the item column of its table, each row keeping its run line.
 */
final class Report {
  static final String BEGIN =
      "<!-- bench:begin (written by ./bench; text outside these markers is kept) -->";
  static final String END = "<!-- bench:end -->";

  private static final String TITLE =
      "## Figures of the last `./bench` runs\n\n"
          + "Each item's figures come from the last run that included it; its run line says when and"
          + " at which scale.\n\n";
  private static final java.util.regex.Pattern BLOCK =
      java.util.regex.Pattern.compile(
          "<!-- bench:item (\\S+) -->\n(.*?)<!-- bench:item-end \\1 -->\n?",
          java.util.regex.Pattern.DOTALL);
  private static final String TABLE_HEAD =
      "| item | figure | value | target | verdict |\n|---|---|---|---|---|\n";

  /** One measured figure. */
  record Row(String item, String figure, String value, String target, String verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String[]> notes = new ArrayList<>(); // {item, text}
  private final List<String[]> profiles = new ArrayList<>(); // {item, text}
  private final List<String[]> tables = new ArrayList<>(); // {item, text}

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

  /**
   * Adds a figure with its target, judged only when the run's size is at the target's scale (see
   * {@link Verdict#judge}).
   *
   * @param met whether the figure reaches the target
   * @param size the run's size (events or cases)
   * @param targetScale the size the target is stated for, same unit
   */
  void target(
      String item,
      String figure,
      String value,
      String target,
      boolean met,
      long size,
      long targetScale) {
    add(new Row(item, figure, value, target, Verdict.judge(met, size, targetScale)));
  }

  /**
   * A pre-formatted Markdown table (e.g. the scaling table), printed and written under the item's
   * figures.
   */
  void table(String item, String title, String markdown) {
    tables.add(new String[] {item, "#### " + title + "\n\n" + markdown.strip() + "\n"});
    System.out.println("  " + title + ":\n" + markdown.indent(4));
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

  /** A remark on an item, printed and written under the item's table. */
  void note(String item, String text) {
    notes.add(new String[] {item, text});
    System.out.println("  note: " + text);
  }

  /**
   * A profile summary (pre-formatted text); it goes into the block of the item its title starts
   * with (e.g. {@code "4/6 engine child"} → item 4).
   */
  void profile(String title, String text) {
    String item = title.split("[ /]", 2)[0];
    profiles.add(new String[] {item, "#### " + title + "\n\n```\n" + text.strip() + "\n```\n"});
    System.out.println("  profile " + title + ":\n" + text.indent(4));
  }

  /**
   * @return item → its generated Markdown block (without markers), in the order items were first
   *     reported
   */
  Map<String, String> markdown(String machine, String header) {
    Map<String, StringBuilder> blocks = new LinkedHashMap<>();
    for (Row r : rows) {
      blocks
          .computeIfAbsent(r.item(), i -> blockStart(i, header, machine))
          .append("| ")
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
    for (String[] n : notes) {
      StringBuilder b = blocks.computeIfAbsent(n[0], i -> blockStart(i, header, machine));
      b.append("\n- ").append(n[1]).append('\n');
    }
    for (String[] t : tables) {
      StringBuilder b = blocks.computeIfAbsent(t[0], i -> blockStart(i, header, machine));
      b.append("\n").append(t[1]);
    }
    for (String[] p : profiles) {
      StringBuilder b = blocks.computeIfAbsent(p[0], i -> blockStart(i, header, machine));
      b.append("\n").append(p[1]);
    }
    Map<String, String> out = new LinkedHashMap<>();
    blocks.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  private static StringBuilder blockStart(String item, String header, String machine) {
    return new StringBuilder()
        .append("### Item ")
        .append(item)
        .append("\n\n")
        .append(header.strip())
        .append("\n\n")
        .append(machine.strip())
        .append("\n\n")
        .append(TABLE_HEAD);
  }

  /**
   * Writes the blocks into {@code file} between the markers: blocks of the same items are replaced,
   * the other items' blocks are kept, blocks are ordered by item number. Creates the file (and its
   * directory) when missing. The new content is written to a temporary file first and moved over
   * the old one, so an interrupted run never leaves a half-written report.
   *
   * @throws UncheckedIOException if the file cannot be read or written
   */
  void writeInto(Path file, Map<String, String> blocks) {
    try {
      String old =
          Files.exists(file)
              ? Files.readString(file, StandardCharsets.UTF_8)
              : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
      int b = old.indexOf(BEGIN);
      int e = old.indexOf(END);
      String text;
      if (b < 0 || e < b) {
        text = old.stripTrailing() + "\n\n" + BEGIN + "\n" + section(Map.of(), blocks) + END + "\n";
      } else {
        String inside = old.substring(b + BEGIN.length(), e);
        text =
            old.substring(0, b)
                + BEGIN
                + "\n"
                + section(existingBlocks(inside), blocks)
                + old.substring(e);
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

  private static String section(Map<String, String> old, Map<String, String> fresh) {
    Map<String, String> all = new java.util.TreeMap<>(Report::compareItems);
    all.putAll(old);
    all.putAll(fresh);
    StringBuilder s = new StringBuilder(TITLE);
    all.forEach(
        (item, block) ->
            s.append("<!-- bench:item ")
                .append(item)
                .append(" -->\n")
                .append(block.strip())
                .append("\n<!-- bench:item-end ")
                .append(item)
                .append(" -->\n\n"));
    return s.toString();
  }

  private static int compareItems(String a, String b) {
    try {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /**
   * The blocks of an existing section; a section without blocks (the earlier single-table format)
   * is split by the table's item column, each block keeping the section's run and machine lines.
   */
  static Map<String, String> existingBlocks(String inside) {
    Map<String, String> blocks = new LinkedHashMap<>();
    java.util.regex.Matcher m = BLOCK.matcher(inside);
    while (m.find()) {
      blocks.put(m.group(1), m.group(2));
    }
    if (!blocks.isEmpty()) {
      return blocks;
    }
    String run = null;
    String machine = null;
    Map<String, StringBuilder> legacy = new LinkedHashMap<>();
    java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| (\\S+) \\| ");
    for (String line : inside.split("\n")) {
      if (line.startsWith("Run ") && run == null) {
        run = line;
      } else if (line.startsWith("Machine: ") && machine == null) {
        machine = line;
      } else {
        java.util.regex.Matcher r = row.matcher(line);
        if (r.find() && !r.group(1).equals("item")) {
          String item = r.group(1);
          String runLine = run == null ? "" : run;
          String machineLine = machine == null ? "" : machine;
          legacy
              .computeIfAbsent(item, i -> blockStart(i, runLine, machineLine))
              .append(line)
              .append('\n');
        }
      }
    }
    legacy.forEach((k, v) -> blocks.put(k, v.toString()));
    return blocks;
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
