package vn.onestop.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics through the Kafka Admin API; meant for tests and the local default run. */
public final class KafkaTopics {
  /** Time limit of one {@link #create} call. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /**
   * Creates each topic with {@code partitions} partitions and replication factor 1 unless it
   * already exists with that many partitions. Returns when the cluster has created them.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:40123}
   * @param partitions partitions per topic, at least 1
   * @param topics topic names, not blank
   * @throws IllegalArgumentException if {@code partitions < 1} or a name is blank
   * @throws InfraException if the cluster does not answer within {@link #TIMEOUT}, or a topic
   *     exists with a different partition count
   */
  public static void create(String bootstrapServers, int partitions, String... topics) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    List<NewTopic> wanted = new ArrayList<>();
    for (String topic : topics) {
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException(
            "topic name must not be blank: " + Arrays.toString(topics));
      }
      wanted.add(new NewTopic(topic, partitions, (short) 1));
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      var result = admin.createTopics(wanted);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new InfraException(
                "cannot create topic '"
                    + entry.getKey()
                    + "' on "
                    + bootstrapServers
                    + ": "
                    + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
      Map<String, TopicDescription> described =
          admin
              .describeTopics(Arrays.asList(topics))
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (TopicDescription d : described.values()) {
        if (d.partitions().size() != partitions) {
          throw new InfraException(
              "topic '"
                  + d.name()
                  + "' exists on "
                  + bootstrapServers
                  + " with "
                  + d.partitions().size()
                  + " partitions, wanted "
                  + partitions);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("interrupted while creating topics " + Arrays.toString(topics), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new InfraException(
          "cannot create topics "
              + Arrays.toString(topics)
              + " on "
              + bootstrapServers
              + " within "
              + TIMEOUT.toSeconds()
              + " s",
          e);
    }
  }
}
