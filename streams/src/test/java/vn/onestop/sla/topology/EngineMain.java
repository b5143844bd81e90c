package vn.onestop.sla.topology;

import java.io.IOException;
import java.nio.file.Path;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Runs the SLA engine in a child JVM for the crash integration test, until it is killed (SIGKILL,
 * no clean-up) or its parent's pipe closes (then it exits, so no engine outlives the test run).
 *
 * <p>Arguments: bootstrapServers schemaRegistryUrl applicationId stateDir topicPrefix
 */
public final class EngineMain {
  private EngineMain() {}

  /**
   * @param args see the class comment
   * @throws IOException if stdin fails
   */
  public static void main(String[] args) throws IOException {
    SlaEngineConfig config =
        SlaEngineConfig.builder(args[0], args[1])
            .applicationId(args[2])
            .stateDir(Path.of(args[3]))
            .topics(SlaTopics.DEFAULT.withPrefix(args[4]))
            .punctuation(new PunctuationSettings(java.time.Duration.ofSeconds(1), 10_000))
            // A killed member must leave the group quickly so its successor gets the partitions.
            .override("session.timeout.ms", 6000)
            .override("heartbeat.interval.ms", 1000)
            .build();
    SlaEngine engine = new SlaEngine(config, PolicyBook.defaults());
    engine.start();
    System.out.println("ENGINE STARTED");
    System.out.flush();
    // Block until the parent closes our stdin (it died or wants us gone).
    while (System.in.read() >= 0) {
      // ignore input
    }
    engine.close();
    System.exit(0);
  }
}
