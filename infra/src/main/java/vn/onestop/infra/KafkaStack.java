package vn.onestop.infra;

/**
 * Addresses of a running Kafka cluster and a Confluent-compatible schema registry, whichever
 * implementation provides them (in-process broker + Apicurio child process, Testcontainers, or an
 * external cluster).
 */
public interface KafkaStack {

  /**
   * @return the Kafka {@code bootstrap.servers} value, a comma-separated {@code host:port} list,
   *     e.g. {@code 127.0.0.1:40123}
   */
  String bootstrapServers();

  /**
   * @return the base URL of the Confluent Schema Registry REST API without a trailing slash, e.g.
   *     {@code http://127.0.0.1:40124/apis/ccompat/v7}
   */
  String schemaRegistryUrl();

  /**
   * Creates scratch topics with the broker's default settings on this stack's cluster if they do
   * not exist yet (see {@link KafkaTopics#create(String, int, String...)}). Not for the product's
   * topics: their records carry event-time stamps that the broker's default retention deletes, so
   * they are created with {@code vn.onestop.schema.TopicAdmin} and the product's settings.
   *
   * @param partitions number of partitions of each new topic, at least 1
   * @param topics topic names
   * @throws InfraException if the cluster does not answer within the time limit or a topic exists
   *     with another partition count
   */
  default void createTopics(int partitions, String... topics) {
    KafkaTopics.create(bootstrapServers(), partitions, topics);
  }
}
