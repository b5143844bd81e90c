package vn.onestop.infra;

import java.util.concurrent.CountDownLatch;

/** A JVM that only waits; {@link ParentWatchAgentTest} checks that the agent ends it. */
public final class BlockingMain {
  private BlockingMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("BLOCKING");
    new CountDownLatch(1).await();
  }
}
