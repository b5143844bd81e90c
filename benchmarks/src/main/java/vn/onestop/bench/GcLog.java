package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified GC log ({@code -Xlog:gc}): lines such as {@code GC(12) Pause Young (Normal) (G1
 * Evacuation Pause) 301M->122M(512M) 8.123ms}.
 *
 * @param collections number of collections logged
 * @param maxBeforeMb largest heap occupancy before a collection (the peak heap), MB
 * @param maxAfterMb largest occupancy after a collection (live data upper bound), MB
 * @param maxCapacityMb largest heap capacity, MB
 * @param pauseMs total pause time, ms
 * @param fullGcs number of Pause Full collections
 */
record GcLog(
    int collections,
    long maxBeforeMb,
    long maxAfterMb,
    long maxCapacityMb,
    double pauseMs,
    int fullGcs) {
  private static final Pattern LINE =
      Pattern.compile("(Pause \\S+).*?(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([0-9.]+)ms");

  static GcLog read(Path file) {
    int n = 0;
    int full = 0;
    long before = 0;
    long after = 0;
    long cap = 0;
    double pause = 0;
    try {
      for (String l : Files.readAllLines(file)) {
        Matcher m = LINE.matcher(l);
        if (m.find()) {
          n++;
          if (m.group(1).equals("Pause Full")) {
            full++;
          }
          before = Math.max(before, Long.parseLong(m.group(2)));
          after = Math.max(after, Long.parseLong(m.group(3)));
          cap = Math.max(cap, Long.parseLong(m.group(4)));
          pause += Double.parseDouble(m.group(5));
        }
      }
    } catch (IOException e) {
      return new GcLog(0, -1, -1, -1, 0, 0);
    }
    return new GcLog(n, before, after, cap, pause, full);
  }
}
