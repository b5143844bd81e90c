package vn.onestop.intake.readmodel;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Reads {@code org-units} from the beginning and then follows it, without a consumer group and
 * committed records only ({@code read_committed}: a refused {@code units import} writes nothing
 * visible), into an {@link OrgUnitsView}, on one daemon thread ({@link TopicFollower}). A missing
 * topic is waited for; unreadable records are skipped with a warning naming partition and offset.
 */
public final class OrgUnitsFollower implements AutoCloseable {
  private final TopicFollower<OrgUnit> follower;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry schema registry client
   * @param view the view to feed
   */
  public OrgUnitsFollower(
      String bootstrapServers, SchemaRegistryClient registry, OrgUnitsView view) {
    this.follower =
        new TopicFollower<>(
            bootstrapServers,
            "onestop-intake-org-units",
            Topics.ORG_UNITS.name(),
            Topics.ORG_UNITS.valueSerde(registry, false).deserializer(),
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            Duration.ofMinutes(1),
            (r, unit) -> view.apply(r.key(), unit));
  }

  /**
   * @return true once the records present when the topic was first found have been applied (false
   *     while the topic is missing)
   */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /** Starts the reading thread. */
  public void start() {
    follower.start();
  }

  @Override
  public void close() {
    follower.close();
  }
}
