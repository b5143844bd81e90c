package vn.onestop.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import vn.onestop.schema.Topic;
import vn.onestop.schema.Topics;

/**
 * Creates the pipeline's topics (DESIGN §2) when they are missing: compacted topics get
 * {@code cleanup.policy=compact}, the others unlimited retention (the event log is the system of
 * record and must replay).
 */
public final class TopicSetup {
  private TopicSetup() {}

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param partitions partitions of each new topic (at least 1); existing topics are left as they are
   * @param replicationFactor replication factor of new topics (1 on a single local broker)
   * @return the names of the topics this call created
   * @throws IllegalStateException if the cluster does not answer within 30 s or refuses a topic
   */
  public static List<String> createAll(String bootstrapServers, int partitions, short replicationFactor) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?> t : Topics.ALL) {
        if (!existing.contains(t.name())) {
          missing.add(new NewTopic(t.name(), partitions, replicationFactor).configs(t.compacted()
              ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
              : Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
      }
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
