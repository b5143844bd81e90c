package vn.onestop.infra;

import java.util.concurrent.CountDownLatch;

/**
 * Child JVM used by {@link RegistryOrphanIT}: starts an Apicurio Registry, prints {@code
 * REGISTRY_PID=<pid>}, starts a broker and prints {@code BROKER_DIR=<path>}, then either waits
 * forever ({@code hold}, to be killed with SIGKILL) or exits without closing either ({@code exit},
 * so only the shutdown hooks can stop them and delete their files).
 */
public final class RegistryChildMain {
  private RegistryChildMain() {}

  public static void main(String[] args) throws InterruptedException {
    ApicurioRegistry registry = ApicurioRegistry.start();
    System.out.println("REGISTRY_PID=" + registry.pid());
    System.out.println("REGISTRY_LOG=" + registry.logFile());
    System.out.flush();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    System.out.println("BROKER_DIR=" + broker.dataDirectory());
    System.out.flush();
    if (args.length > 0 && args[0].equals("exit")) {
      System.exit(0);
    }
    new CountDownLatch(1).await();
  }
}
