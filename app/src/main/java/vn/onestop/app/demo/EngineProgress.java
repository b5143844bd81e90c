package vn.onestop.app.demo;

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
 * reads, including its internal topics, twice in a row. Shows a progress bar with rate and ETA.
 */
public final class EngineProgress {
  private EngineProgress() {}

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param applicationId the Streams application id (its consumer group)
   * @param inputTopic the main input topic, whose end offsets give the progress bar its total
   * @param timeout longest wait
   * @throws IllegalStateException if the application has not caught up within the timeout
   */
  public static void awaitCaughtUp(
      String bootstrapServers, String applicationId, String inputTopic, Duration timeout)
      throws Exception {
    try (Admin admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName("SLA engine")
                .setUnit(" events", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .build()) {
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
        bar.maxHint(total);
        bar.stepTo(done);
        stableRounds = caughtUp ? stableRounds + 1 : 0;
        if (stableRounds >= 2) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("the SLA engine did not catch up within " + timeout);
    }
  }
}
