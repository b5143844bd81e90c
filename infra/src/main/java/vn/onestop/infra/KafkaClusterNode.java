package vn.onestop.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Main class of one broker of a {@link KafkaCluster}, run in a child JVM: starts a combined broker
 * + controller (KRaft) from the {@code server.properties} named by its argument (formatted
 * beforehand by the parent) and runs until SIGTERM, which shuts it down cleanly. Prints {@code
 * BROKER_STARTED node=<id>} once {@code startup()} has returned; exits with status 1 if it cannot
 * start.
 */
public final class KafkaClusterNode {
  private KafkaClusterNode() {}

  /**
   * @param args the path of the broker's {@code server.properties}
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: KafkaClusterNode <server.properties>");
      System.exit(2);
    }
    Properties config = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      config.load(in);
    } catch (IOException e) {
      System.err.println("cannot read " + args[0] + ": " + e);
      System.exit(1);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  server.awaitShutdown();
                },
                "onestop-broker-stop"));
    try {
      server.startup();
    } catch (RuntimeException e) {
      System.err.println("broker " + config.getProperty("node.id") + " failed to start: " + e);
      e.printStackTrace();
      Runtime.getRuntime().halt(1);
    }
    System.out.println("BROKER_STARTED node=" + config.getProperty("node.id"));
    System.out.flush();
    server.awaitShutdown();
  }
}
