package vn.onestop.app;

import picocli.CommandLine.Option;

/**
 * Options of the topics a service creates when they are missing: {@code --partitions} ({@code
 * ONESTOP_PARTITIONS}) and {@code --replication-factor} ({@code ONESTOP_REPLICATION_FACTOR}).
 * Existing topics keep their partition count; their product settings are checked.
 */
public final class TopicOptions {
  @Option(
      names = "--partitions",
      defaultValue = "${env:ONESTOP_PARTITIONS:-3}",
      description =
          "Partitions of topics created because they are missing (env ONESTOP_PARTITIONS; default"
              + " ${DEFAULT-VALUE}). case-events' count is the engine's parallelism and cannot change"
              + " later.")
  int partitions;

  @Option(
      names = "--replication-factor",
      defaultValue = "${env:ONESTOP_REPLICATION_FACTOR:-1}",
      description =
          "Replication factor of topics created because they are missing (env"
              + " ONESTOP_REPLICATION_FACTOR; default ${DEFAULT-VALUE}; 3 on a production cluster).")
  short replication;
}
