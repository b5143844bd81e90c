package vn.onestop.intake.importer;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of the writing phase: a progress bar with rate and ETA on a terminal (me.tongfei
 * progressbar), plain lines every 10 % otherwise (logs, CI).
 */
public interface ImportProgress extends AutoCloseable {

  /**
   * @param n events handled since the last call
   */
  void step(long n);

  @Override
  void close();

  /**
   * @param total number of events to handle
   * @param out where plain lines go
   * @param terminal true for a progress bar
   * @return the progress reporter
   */
  static ImportProgress create(long total, PrintStream out, boolean terminal) {
    if (terminal) {
      ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("import")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .showSpeed()
              .setUnit(" ev", 1)
              .build();
      return new ImportProgress() {
        @Override
        public void step(long n) {
          bar.stepBy(n);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
    return new Lines(total, out);
  }

  /** Plain progress lines with rate and ETA. */
  final class Lines implements ImportProgress {
    private final long total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long done;
    private long nextReport;

    Lines(long total, PrintStream out) {
      this.total = total;
      this.out = out;
      this.nextReport = Math.max(1, total / 10);
    }

    @Override
    public void step(long n) {
      done += n;
      if (done >= nextReport || done == total) {
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        double rate = done / secs;
        long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf(
            "import: %d/%d events (%d%%), %.0f ev/s, ETA %s%n",
            done, total, total == 0 ? 100 : done * 100 / total, rate, Duration.ofSeconds(eta));
        nextReport = done + Math.max(1, total / 10);
      }
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
