package vn.onestop.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry runnable distribution ({@code
 * io.apicurio:apicurio-registry-app:2.6.13.Final}, type {@code tar.gz}, classifier {@code all}; 142
 * MB, Quarkus runner jar + {@code lib/}), found on disk and unpacked once per user into the cache
 * directory.
 */
public final class ApicurioDistribution {
  /** Apicurio Registry version this class runs; it runs on Java 17 (3.x needs Java 21). */
  public static final String VERSION = "2.6.13.Final";

  /** System property naming the distribution tar.gz explicitly. */
  public static final String DIST_PROPERTY = "onestop.apicurio.dist";

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);
  private static final String FILE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
  private static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";

  private ApicurioDistribution() {}

  /**
   * Finds the distribution archive: system property {@value #DIST_PROPERTY}, else environment
   * variable {@code ONESTOP_APICURIO_DIST}, else the local Maven repository (system property {@code
   * maven.repo.local}, else {@code ~/.m2/repository}).
   *
   * @return the existing tar.gz file
   * @throws InfraException naming the places searched and how to download it, if none exists
   */
  public static Path archive() {
    String explicit = System.getProperty(DIST_PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv("ONESTOP_APICURIO_DIST");
    }
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (!Files.isRegularFile(path)) {
        throw new InfraException(
            "Apicurio distribution "
                + path
                + " (from "
                + DIST_PROPERTY
                + " / ONESTOP_APICURIO_DIST) does not exist");
      }
      return path;
    }
    String repo = System.getProperty("maven.repo.local");
    Path repository =
        repo != null && !repo.isBlank()
            ? Path.of(repo)
            : Path.of(System.getProperty("user.home"), ".m2", "repository");
    Path path =
        repository.resolve(Path.of("io", "apicurio", "apicurio-registry-app", VERSION, FILE));
    if (!Files.isRegularFile(path)) {
      throw new InfraException(
          "Apicurio Registry distribution not found at "
              + path
              + "; build the infra module once with network access (mvn -pl infra install) to download"
              + " io.apicurio:apicurio-registry-app:"
              + VERSION
              + ":tar.gz:all, or set -D"
              + DIST_PROPERTY
              + "=<path to "
              + FILE
              + ">");
    }
    return path;
  }

  /**
   * Returns the runner jar, unpacking the archive into {@code <cache>/apicurio-registry-<version>}
   * first if needed. Unpacking goes to a temporary sibling directory that is renamed atomically, so
   * JVMs racing here never see a half-written directory. Takes about 2 s the first time.
   *
   * @return the path of {@code apicurio-registry-app-<version>-runner.jar}
   * @throws InfraException if the archive is missing, corrupt, or cannot be unpacked
   */
  public static Path runnerJar() {
    Path target = CacheDirectory.get().resolve("apicurio-registry-" + VERSION);
    Path runner = target.resolve(RUNNER);
    if (Files.isRegularFile(runner)) {
      return runner;
    }
    Path archive = archive();
    long t0 = System.nanoTime();
    Path tmp;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), ".apicurio-unpack-");
    } catch (IOException e) {
      throw new InfraException("cannot create a directory under " + target.getParent(), e);
    }
    try {
      unpack(archive, tmp);
      if (!Files.isRegularFile(tmp.resolve(RUNNER))) {
        throw new InfraException(archive + " has no " + RUNNER + " at its top level");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException
          | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        if (!Files.isRegularFile(runner)) { // not another JVM's finished copy: a broken leftover
          throw new InfraException(
              "cannot move unpacked Apicurio into " + target + "; delete that directory and retry",
              e);
        }
      }
    } catch (IOException e) {
      throw new InfraException(
          "cannot unpack " + archive + " into " + target + ": " + e.getMessage(), e);
    } finally {
      deleteTree(tmp);
    }
    LOG.info(
        "Unpacked {} into {} in {} ms",
        archive.getFileName(),
        target,
        (System.nanoTime() - t0) / 1_000_000);
    return runner;
  }

  private static void unpack(Path archive, Path into) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("archive entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isFile()) {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }
}
