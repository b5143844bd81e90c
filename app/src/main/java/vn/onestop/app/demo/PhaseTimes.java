package vn.onestop.app.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Wall time of the demo's phases, so the console says where its time goes. A phase ends when the
 * next one is marked; {@link #print} lists them in order with their share of the total. Not
 * thread-safe (the demo's main thread only).
 */
public final class PhaseTimes {
  /**
   * One finished phase.
   *
   * @param name what the phase did
   * @param nanos its wall time in nanoseconds
   */
  public record Phase(String name, long nanos) {}

  private final LongSupplier clock;
  private final long start;
  private final List<Phase> done = new ArrayList<>();
  private String current;
  private long currentStart;

  /**
   * @param clock a monotonic nanosecond clock ({@code System::nanoTime} outside tests)
   * @param first name of the phase that starts now
   */
  public PhaseTimes(LongSupplier clock, String first) {
    this.clock = clock;
    this.start = clock.getAsLong();
    this.current = first;
    this.currentStart = start;
  }

  /**
   * Ends the running phase and starts the next.
   *
   * @param next name of the phase that starts now
   */
  public void next(String next) {
    long now = clock.getAsLong();
    done.add(new Phase(current, now - currentStart));
    current = next;
    currentStart = now;
  }

  /**
   * @return the finished phases and the running one (measured up to now), in order
   */
  public List<Phase> phases() {
    List<Phase> all = new ArrayList<>(done);
    all.add(new Phase(current, clock.getAsLong() - currentStart));
    return all;
  }

  /**
   * Prints one line per phase: seconds with one decimal and the share of the total, e.g. {@code "
   * import 11.0 s 9 %"}.
   *
   * @param out where to print
   */
  public void print(PrintStream out) {
    List<Phase> all = phases();
    long total = clock.getAsLong() - start;
    out.println("Wall time by phase:");
    for (Phase p : all) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-22s %6.1f s %4d %%",
              p.name(),
              p.nanos() / 1e9,
              total == 0 ? 0 : Math.round(100.0 * p.nanos() / total)));
    }
    out.println(String.format(Locale.ROOT, "  %-22s %6.1f s", "total", total / 1e9));
  }
}
