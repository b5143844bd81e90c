package vn.onestop.infra;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Public face of {@link ChildJvm} for tests in other packages. */
public final class ChildJvmAccess {
  private final ChildJvm jvm;

  private ChildJvmAccess(ChildJvm jvm) {
    this.jvm = jvm;
  }

  public static ChildJvmAccess start(
      Class<?> mainClass, List<String> systemProperties, String... args) throws IOException {
    return new ChildJvmAccess(ChildJvm.start(mainClass, systemProperties, args));
  }

  public boolean isAlive() {
    return jvm.process.isAlive();
  }

  public String output() {
    return jvm.output();
  }

  public Optional<Long> printed(String name) {
    return jvm.printed(name);
  }

  public void destroyAndDelete() throws IOException {
    jvm.destroyAndDelete();
  }
}
