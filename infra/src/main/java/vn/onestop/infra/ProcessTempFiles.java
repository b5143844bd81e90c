package vn.onestop.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files and directories in {@code java.io.tmpdir} whose names carry the process id of the
 * JVM that owns them, {@code onestop-<kind>-pid<pid>-<random>}, so that a later start can delete
 * what a JVM killed with SIGKILL left behind (its shutdown hooks, which delete them normally, did
 * not run).
 *
 * <p>The first creation in a JVM sweeps {@code java.io.tmpdir} once: an entry named this way whose
 * owner pid is no live process is deleted; an entry of a live process (or of a pid reused by
 * another live process) is never touched. Entries without a pid in their name (older versions) are
 * left alone. A JVM in another pid namespace sharing the same temporary directory (a container)
 * would look dead: such setups should give each namespace its own {@code java.io.tmpdir}.
 */
public final class ProcessTempFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTempFiles.class);
  private static final Pattern OWNED = Pattern.compile("onestop-[a-z]+-pid(\\d+)-.+");
  private static final AtomicBoolean SWEPT = new AtomicBoolean();

  private ProcessTempFiles() {}

  /**
   * Creates a temporary directory owned by this JVM (after the once-per-JVM sweep).
   *
   * @param kind lower-case letters naming what it holds, e.g. {@code kafka}
   * @return the new directory {@code <tmpdir>/onestop-<kind>-pid<pid>-<random>}
   * @throws IOException if it cannot be created
   */
  public static Path createDirectory(String kind) throws IOException {
    sweepOnce();
    return Files.createTempDirectory(prefix(kind));
  }

  /**
   * Creates a temporary file owned by this JVM (after the once-per-JVM sweep).
   *
   * @param kind lower-case letters naming what it holds, e.g. {@code apicurio}
   * @param suffix file name suffix, e.g. {@code .log}
   * @return the new empty file {@code <tmpdir>/onestop-<kind>-pid<pid>-<random><suffix>}
   * @throws IOException if it cannot be created
   */
  public static Path createFile(String kind, String suffix) throws IOException {
    sweepOnce();
    return Files.createTempFile(prefix(kind), suffix);
  }

  /**
   * Deletes, in {@code directory}, every entry named by this class whose owner process is not
   * alive.
   *
   * @param directory usually {@code java.io.tmpdir}
   * @return the deleted entries
   */
  public static List<Path> sweep(Path directory) {
    List<Path> deleted = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "onestop-*-pid*")) {
      for (Path entry : entries) {
        OptionalLong owner = owner(entry.getFileName().toString());
        if (owner.isEmpty() || isAlive(owner.getAsLong())) {
          continue;
        }
        try {
          Utils.delete(entry.toFile());
          deleted.add(entry);
        } catch (IOException e) {
          LOG.warn("could not delete {} left by dead process {}: {}", entry, owner, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("could not list {} for leftovers of dead processes: {}", directory, e.toString());
    }
    return deleted;
  }

  /**
   * @param name a file name
   * @return the owner pid when the name is one this class gives
   */
  static OptionalLong owner(String name) {
    Matcher m = OWNED.matcher(name);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(m.group(1)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String prefix(String kind) {
    if (!kind.matches("[a-z]+")) {
      throw new IllegalArgumentException("kind must be lower-case letters, got '" + kind + "'");
    }
    return "onestop-" + kind + "-pid" + ProcessHandle.current().pid() + "-";
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Deletes, once per JVM, what dead processes left in {@code java.io.tmpdir} (see {@link #sweep});
   * for a start that creates no temporary file of its own. Later calls do nothing.
   */
  public static void deleteLeftoversOfDeadProcesses() {
    sweepOnce();
  }

  private static void sweepOnce() {
    if (SWEPT.compareAndSet(false, true)) {
      List<Path> deleted = sweep(Path.of(System.getProperty("java.io.tmpdir")));
      if (!deleted.isEmpty()) {
        LOG.info(
            "Deleted {} temporary entries left by processes that are gone, e.g. {}",
            deleted.size(),
            deleted.get(0));
      }
    }
  }
}
