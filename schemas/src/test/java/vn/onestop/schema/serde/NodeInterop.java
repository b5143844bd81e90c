package vn.onestop.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/js/interop.mjs} (Confluent's JavaScript Schema Registry client) with {@code
 * node}, installing its npm packages with {@code npm ci} first when {@code node_modules} is
 * missing, so {@code mvn verify} works on a fresh clone. Fails (never skips) with a clear message
 * when node or npm is missing or too old.
 */
final class NodeInterop {
  private static final int MIN_NODE_MAJOR = 20;
  private static final Duration NPM_LIMIT = Duration.ofMinutes(5);
  private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(2);

  private final Path dir;

  private NodeInterop(Path dir) {
    this.dir = dir;
  }

  /**
   * @return a runner for the script in {@code <module>/src/test/js}, with its packages installed
   * @throws AssertionError naming what is missing (node, npm, the folder) or what failed
   */
  static NodeInterop prepare() {
    Path dir =
        Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/js")
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(dir.resolve("interop.mjs"))
        || !Files.isRegularFile(dir.resolve("package-lock.json"))) {
      throw new AssertionError("interop script or package-lock.json missing in " + dir);
    }
    String version = nodeVersion();
    int major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
    if (major < MIN_NODE_MAJOR) {
      throw new AssertionError(
          "node "
              + version
              + " is too old for @confluentinc/schemaregistry: Node.js "
              + MIN_NODE_MAJOR
              + "+ is required for JsInteropIT");
    }
    if (!Files.isDirectory(dir.resolve("node_modules/@confluentinc/schemaregistry"))
        || !Files.isDirectory(dir.resolve("node_modules/avsc"))) {
      Result npm =
          run(
              dir,
              List.of("npm", "ci", "--no-audit", "--no-fund"),
              "",
              NPM_LIMIT,
              "npm (with Node.js "
                  + MIN_NODE_MAJOR
                  + "+) is required for JsInteropIT to install"
                  + " @confluentinc/schemaregistry; install it (e.g. apt-get install -y nodejs npm)");
      if (npm.exitCode != 0) {
        throw new AssertionError(
            "npm ci in "
                + dir
                + " failed with exit code "
                + npm.exitCode
                + ":\n"
                + npm.stderr
                + npm.stdout);
      }
    }
    return new NodeInterop(dir);
  }

  private static String nodeVersion() {
    Result r =
        run(
            Path.of("."),
            List.of("node", "--version"),
            "",
            Duration.ofSeconds(30),
            "node (Node.js "
                + MIN_NODE_MAJOR
                + "+) is required for JsInteropIT, which checks interop with Confluent's"
                + " JavaScript client; install it (e.g. apt-get install -y nodejs npm)");
    if (r.exitCode != 0) {
      throw new AssertionError(
          "node --version failed with exit code " + r.exitCode + ": " + r.stderr);
    }
    return r.stdout.trim();
  }

  /**
   * Runs {@code node interop.mjs <registryUrl> <topic> <mode>} with one input per line.
   *
   * @return one output line per input line
   * @throws AssertionError if the script fails or answers a different number of lines
   */
  List<String> run(String registryUrl, String topic, String mode, List<String> inputs) {
    Result r =
        run(
            dir,
            List.of("node", "interop.mjs", registryUrl, topic, mode),
            String.join("\n", inputs) + "\n",
            SCRIPT_LIMIT,
            "node is required for JsInteropIT");
    if (r.exitCode != 0) {
      throw new AssertionError(
          "node interop.mjs " + mode + " exited with " + r.exitCode + ":\n" + r.stderr);
    }
    List<String> lines = r.stdout.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() != inputs.size()) {
      throw new AssertionError(
          "node interop.mjs "
              + mode
              + " answered "
              + lines.size()
              + " lines for "
              + inputs.size()
              + " inputs:\n"
              + r.stdout
              + "\n"
              + r.stderr);
    }
    return lines;
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(
      Path dir, List<String> command, String stdin, Duration limit, String missingMessage) {
    Process process;
    try {
      process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(
          missingMessage + " (cannot run '" + command.get(0) + "': " + e.getMessage() + ")", e);
    }
    try {
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
      }
      return new Result(
          process.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in;
        ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
      in.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
