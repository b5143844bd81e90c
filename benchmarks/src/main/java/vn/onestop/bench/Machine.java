package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on: cores, memory, CPU model, Java, load average. */
final class Machine {
  private Machine() {}

  /**
   * @return the 1-minute load average from /proc/loadavg, or NaN when unreadable
   */
  static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * @return a Markdown description of this machine and JVM
   */
  static String describe() {
    String cpu = grep(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    String mem = grep(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown");
    return String.format(
        Locale.ROOT,
        """
        Machine: %d cores (`nproc`/availableProcessors), CPU `%s`, memory %s (MemTotal), \
        %s %s (%s), OS %s %s. Driver JVM max heap %s.
        """,
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memMiB(mem),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Report.mib(Runtime.getRuntime().maxMemory()));
  }

  private static String memMiB(String memTotal) {
    try {
      return String.format(
          Locale.ROOT, "%,d MiB", Long.parseLong(memTotal.split("\\s+")[0]) / 1024);
    } catch (RuntimeException e) {
      return memTotal;
    }
  }

  private static Optional<String> grep(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream()
          .filter(l -> l.startsWith(key))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a {@code kB} field of {@code /proc/<pid>/status} (e.g. VmHWM, VmRSS).
   *
   * @return bytes, or -1 when unreadable
   */
  static long procStatusBytes(long pid, String field) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith(field + ":")) {
          return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
