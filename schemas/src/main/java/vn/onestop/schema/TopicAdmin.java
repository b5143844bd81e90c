package vn.onestop.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics with the product's settings ({@link Topic#configs()}), never the broker's
 * defaults. Used by the services at start-up and by every test that writes product records, so that
 * records stamped with event time in the past are kept whatever day the suite runs.
 */
public final class TopicAdmin {
  /** Time limit of one create call. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates topics named {@code names}, each with the settings of {@code contract}, unless they
   * exist.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param contract the topic whose settings apply (e.g. {@link Topics#CASE_EVENTS})
   * @param partitions partitions per topic, at least 1
   * @param replication replication factor, at least 1
   * @param names topic names, not blank
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer within
   *     {@link #TIMEOUT}
   */
  public static void create(
      String bootstrapServers,
      Topic<?> contract,
      int partitions,
      short replication,
      String... names) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      List<NewTopic> wanted = new ArrayList<>();
      for (String name : names) {
        wanted.add(contract.newTopic(name, partitions, replication));
      }
      create(admin, wanted);
    }
  }

  /**
   * Creates each topic unless it exists (an existing topic is left as it is).
   *
   * @param admin admin client
   * @param wanted topics with their settings
   * @throws IllegalArgumentException if a topic has fewer than 1 partition
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer within
   *     {@link #TIMEOUT}
   */
  public static void create(Admin admin, Collection<NewTopic> wanted) {
    for (NewTopic t : wanted) {
      if (t.numPartitions() < 1) {
        throw new IllegalArgumentException(
            "partitions of " + t.name() + " must be >= 1, got " + t.numPartitions());
      }
    }
    var result = admin.createTopics(wanted);
    for (var e : result.values().entrySet()) {
      try {
        e.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(),
              ex.getCause());
        }
      } catch (TimeoutException ex) {
        throw new IllegalStateException(
            "cluster did not create topic " + e.getKey() + " within " + TIMEOUT.toSeconds() + " s",
            ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topic " + e.getKey(), ex);
      }
    }
  }
}
