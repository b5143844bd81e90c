package vn.onestop.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM started from a test with the test class path, its output going to a temporary file. */
final class ChildJvm {
  final Process process;
  final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ChildJvm start(Class<?> mainClass, List<String> systemProperties, String... args)
      throws IOException {
    Path output = Files.createTempFile("onestop-child-", ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    for (String name :
        List.of(ApicurioDistribution.DIST_PROPERTY, "onestop.cache.dir", "maven.repo.local")) {
      String value = System.getProperty(name);
      if (value != null) {
        command.add("-D" + name + "=" + value);
      }
    }
    command.addAll(systemProperties);
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new ChildJvm(process, output);
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * @return the value printed as {@code NAME=<digits>} so far
   */
  Optional<Long> printed(String name) {
    Matcher m = Pattern.compile("^" + name + "=(\\d+)$", Pattern.MULTILINE).matcher(output());
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /**
   * @return the path printed as {@code NAME=<path>} so far
   */
  Optional<Path> printedPath(String name) {
    Matcher m = Pattern.compile("^" + name + "=(.+)$", Pattern.MULTILINE).matcher(output());
    return m.find() ? Optional.of(Path.of(m.group(1).strip())) : Optional.empty();
  }

  void destroyAndDelete() throws IOException {
    process.destroyForcibly();
    Optional<Path> registryLog = printedPath("REGISTRY_LOG");
    if (registryLog.isPresent()) { // a registry that was not closed cleanly keeps its log
      Files.deleteIfExists(registryLog.get());
    }
    Files.deleteIfExists(output);
  }
}
