package vn.onestop.infra.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Child JVM used by {@link ExtensionLeavesNoProcessIT}: runs the extension ITs through the JUnit
 * Platform launcher, then prints how many tests ran and failed, and how many child processes of
 * this JVM are still alive after the run ended (the extension's stack must have been closed).
 */
public final class ExtensionRunChildMain {
  private ExtensionRunChildMain() {}

  public static void main(String[] args) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                selectClass(KafkaStackExtensionIT.class),
                selectClass(KafkaStackExtensionSecondIT.class))
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.printFailuresTo(new PrintWriter(System.out, true), 20);
    System.out.println("TESTS_SUCCEEDED=" + summary.getTestsSucceededCount());
    System.out.println(
        "TESTS_FAILED=" + (summary.getTotalFailureCount() + summary.getTestsAbortedCount()));
    ProcessHandle.current()
        .descendants()
        .forEach(p -> System.out.println("LEFT " + p.pid() + " " + p.info()));
    System.out.println(
        "DESCENDANTS="
            + ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
    System.out.flush();
    // halt: shutdown hooks must not get a chance to clean up what the extension left behind
    Runtime.getRuntime().halt(0);
  }
}
