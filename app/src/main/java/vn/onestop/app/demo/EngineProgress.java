package vn.onestop.app.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a Kafka Streams application has processed everything in its input topics: its
 * committed offsets (consumer group = application id) equal the end offsets of every partition it
 * reads, including its internal topics, twice in a row. Shows a progress bar with rate and ETA on a
 * terminal, and a plain line every {@link #LINE_INTERVAL} otherwise (a file, a pipe, CI): a bar's
 * carriage returns would make one long garbled line there.
 */
public final class EngineProgress {
  /** Wall-clock time between two plain progress lines when the output is not a terminal. */
  static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  private EngineProgress() {}

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param applicationId the Streams application id (its consumer group)
   * @param inputTopic the main input topic, whose end offsets give the progress bar its total
   * @param timeout longest wait
   * @param terminal true for a progress bar (stderr), false for plain lines on {@code lines}
   * @param lines where plain progress lines go when not on a terminal
   * @throws IllegalStateException if the application has not caught up within the timeout
   */
  public static void awaitCaughtUp(
      String bootstrapServers,
      String applicationId,
      String inputTopic,
      Duration timeout,
      boolean terminal,
      PrintStream lines)
      throws Exception {
    try (Admin admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        Progress bar = terminal ? new Bar() : new Lines(lines)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      int stableRounds = 0;
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin
            .describeTopics(java.util.List.of(inputTopic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(inputTopic)
            .partitions()
            .forEach(
                p -> ask.put(new TopicPartition(inputTopic, p.partition()), OffsetSpec.latest()));
        committed.keySet().forEach(tp -> ask.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends =
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS);
        long total = 0;
        long done = 0;
        boolean caughtUp = true;
        for (var e : ends.entrySet()) {
          long end = e.getValue().offset();
          OffsetAndMetadata c = committed.get(e.getKey());
          long at = c == null ? 0 : c.offset();
          if (e.getKey().topic().equals(inputTopic)) {
            total += end;
            done += Math.min(at, end);
          }
          caughtUp &= at >= end;
        }
        bar.show(done, total);
        stableRounds = caughtUp ? stableRounds + 1 : 0;
        if (stableRounds >= 2) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("the SLA engine did not catch up within " + timeout);
    }
  }

  /** Where the progress goes: a bar or plain lines. */
  private interface Progress extends AutoCloseable {
    void show(long done, long total);

    @Override
    void close();
  }

  private static final class Bar implements Progress {
    private final ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("SLA engine")
            .setUnit(" events", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .build();

    @Override
    public void show(long done, long total) {
      bar.maxHint(total);
      bar.stepTo(done);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  private static final class Lines implements Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long nextLine = start + LINE_INTERVAL.toNanos();
    private long lastDone = -1;
    private long lastTotal;

    Lines(PrintStream out) {
      this.out = out;
    }

    @Override
    public void show(long done, long total) {
      lastDone = done;
      lastTotal = total;
      long now = System.nanoTime();
      if (now >= nextLine) {
        print(now);
        nextLine = now + LINE_INTERVAL.toNanos();
      }
    }

    private void print(long now) {
      double secs = Math.max(1e-3, (now - start) / 1e9);
      out.printf(
          "SLA engine: %d/%d events (%d%%), %.0f events/s%n",
          lastDone, lastTotal, lastTotal == 0 ? 100 : lastDone * 100 / lastTotal, lastDone / secs);
      out.flush();
    }

    @Override
    public void close() {
      if (lastDone >= 0) {
        print(System.nanoTime());
      }
    }
  }
}
