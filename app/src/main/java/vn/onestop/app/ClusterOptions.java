package vn.onestop.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options naming the cluster: {@code --bootstrap-servers} ({@code ONESTOP_BOOTSTRAP_SERVERS}) and
 * {@code --schema-registry-url} ({@code ONESTOP_SCHEMA_REGISTRY_URL}).
 */
public final class ClusterOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "${env:ONESTOP_BOOTSTRAP_SERVERS}",
      description = "Kafka bootstrap servers (env ONESTOP_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      defaultValue = "${env:ONESTOP_SCHEMA_REGISTRY_URL}",
      description =
          "Confluent-compatible schema registry base URL, e.g. http://host:8080/apis/ccompat/v7 "
              + "(env ONESTOP_SCHEMA_REGISTRY_URL).")
  String schemaRegistryUrl;

  /**
   * @return the named external cluster
   * @throws ParameterException naming the missing option when either address is not given
   */
  public Cluster external() {
    if (isBlank(bootstrapServers) || isBlank(schemaRegistryUrl)) {
      throw new ParameterException(
          spec.commandLine(),
          "missing "
              + (isBlank(bootstrapServers)
                  ? "--bootstrap-servers (or ONESTOP_BOOTSTRAP_SERVERS)"
                  : "")
              + (isBlank(bootstrapServers) && isBlank(schemaRegistryUrl) ? " and " : "")
              + (isBlank(schemaRegistryUrl)
                  ? "--schema-registry-url (or ONESTOP_SCHEMA_REGISTRY_URL)"
                  : ""));
    }
    return Cluster.external(bootstrapServers.trim(), schemaRegistryUrl.trim());
  }

  /**
   * @return the named cluster, or the embedded default when neither address is given
   * @throws ParameterException when only one of the two addresses is given
   */
  public Cluster externalOrEmbedded() {
    if (isBlank(bootstrapServers) && isBlank(schemaRegistryUrl)) {
      return Cluster.startEmbedded();
    }
    return external();
  }

  /**
   * @return true when a cluster is named (either address given), false for the embedded default
   */
  public boolean named() {
    return !isBlank(bootstrapServers) || !isBlank(schemaRegistryUrl);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
