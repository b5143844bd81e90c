package vn.onestop.sla.calendar;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntToLongFunction;

/**
 * Prints the cost per call of the day walk ({@link DayWalk}) and of the working-day index ({@link
 * DeadlineArithmetic}, over {@link YearIndex}) for three calls of the engine: add 30 working days,
 * working time over 90 calendar days, 160 working hours after an instant. No assertion, no JMH: a
 * plain loop over 4 096 seeded random instants of 2026–2027 (Asia/Ho_Chi_Minh, second precision),
 * warmed up, then 7 timed rounds of at least 0.2 s of CPU; the median round is printed, in ns of
 * CPU time of the measuring thread per call (CPU time, so that other processes on a shared machine
 * disturb the figures less than wall-clock time would). Before timing, both implementations are
 * checked to give the same results on all instants. Not a test (surefire does not pick it up); run
 * it as described in docs/benchmarks.md, Working-day index.
 */
public final class WorkingDayIndexBench {

  private static final int N = 4096;
  private static final int ROUNDS = 7;
  private static final long ROUND_NANOS = 200_000_000L;

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static long sink;

  private WorkingDayIndexBench() {}

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args optional calendar ids (default: {@value Calendars#CIVIL_SERVICE} and {@value
   *     Calendars#ONE_STOP_SATURDAY_MORNING})
   */
  public static void main(String[] args) {
    List<String> ids =
        args.length == 0
            ? List.of(Calendars.CIVIL_SERVICE, Calendars.ONE_STOP_SATURDAY_MORNING)
            : List.of(args);
    Instant[] t = instants();
    Duration ninetyDays = Duration.ofDays(90);
    Duration hours160 = Duration.ofHours(160);
    System.out.printf(
        Locale.ROOT,
        "Java %s, %s, %d cores, %s %s%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    System.out.println();
    System.out.println("| calendar | call | walk ns/call | index ns/call | walk / index |");
    System.out.println("|---|---|---:|---:|---:|");
    for (String id : ids) {
      WorkingCalendar cal = Calendars.get(id);
      row(
          id,
          "addWorkingDays(t, 30)",
          i -> DayWalk.addWorkingDays(t[i], 30, cal).getEpochSecond(),
          i -> DeadlineArithmetic.addWorkingDays(t[i], 30, cal).getEpochSecond());
      row(
          id,
          "workingTimeBetween(t, t + 90 days)",
          i -> DayWalk.workingTimeBetween(t[i], t[i].plus(ninetyDays), cal).getSeconds(),
          i ->
              DeadlineArithmetic.workingTimeBetween(t[i], t[i].plus(ninetyDays), cal).getSeconds());
      row(
          id,
          "workingDaysBetween(t, t + 90 days)",
          i -> DayWalk.workingDaysBetween(t[i], t[i].plus(ninetyDays), cal),
          i -> DeadlineArithmetic.workingDaysBetween(t[i], t[i].plus(ninetyDays), cal));
      row(
          id,
          "addWorkingTime(t, 160 h)",
          i -> DayWalk.addWorkingTime(t[i], hours160, cal).getEpochSecond(),
          i -> DeadlineArithmetic.addWorkingTime(t[i], hours160, cal).getEpochSecond());
    }
    System.out.println();
    System.out.println("(checksum " + sink + ")");
  }

  private static Instant[] instants() {
    Random r = new Random(20_260_105L);
    long from = LocalDate.of(2026, 1, 1).atStartOfDay(Calendars.ZONE).toEpochSecond();
    long to = LocalDate.of(2028, 1, 1).atStartOfDay(Calendars.ZONE).toEpochSecond();
    Instant[] t = new Instant[N];
    for (int i = 0; i < N; i++) {
      t[i] = Instant.ofEpochSecond(from + (long) (r.nextDouble() * (to - from)));
    }
    return t;
  }

  private static void row(String id, String call, IntToLongFunction walk, IntToLongFunction index) {
    for (int i = 0; i < N; i++) {
      if (walk.applyAsLong(i) != index.applyAsLong(i)) {
        throw new IllegalStateException(call + " differs at instant " + i + " on " + id);
      }
    }
    double w = measure(walk);
    double x = measure(index);
    System.out.printf(Locale.ROOT, "| %s | `%s` | %.0f | %.0f | %.1f× |%n", id, call, w, x, w / x);
  }

  /** Median over rounds of ns per call; the first rounds warm the JIT up. */
  private static double measure(IntToLongFunction f) {
    for (int warm = 0; warm < 3; warm++) {
      round(f);
    }
    double[] perCall = new double[ROUNDS];
    for (int k = 0; k < ROUNDS; k++) {
      perCall[k] = round(f);
    }
    Arrays.sort(perCall);
    return perCall[ROUNDS / 2];
  }

  private static double round(IntToLongFunction f) {
    long calls = 0;
    long acc = 0;
    long start = CPU.getCurrentThreadCpuTime();
    long elapsed;
    do {
      for (int i = 0; i < N; i++) {
        acc += f.applyAsLong(i);
      }
      calls += N;
      elapsed = CPU.getCurrentThreadCpuTime() - start;
    } while (elapsed < ROUND_NANOS);
    sink += acc;
    return (double) elapsed / calls;
  }
}
