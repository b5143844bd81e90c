package vn.onestop.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.onestop.intake.crypto.IdentityKey;

/**
 * The data directory of {@code onestop run} ({@code --data-dir}, env {@code ONESTOP_DATA_DIR},
 * default {@code ./onestop-data}): everything a run keeps across restarts, held by one run at a
 * time.
 *
 * <pre>
 * .lock          locked while a run uses the directory (released when the process ends, also on
 *                SIGKILL); holds the pid of that run
 * kafka/         the embedded broker: log dirs (data/) and KRaft metadata (metadata/)
 * registry/      the embedded registry: schemas and their ids (H2 file registry.mv.db), its log
 * engine/        the SLA engine's state stores (Kafka Streams state dir; rebuilt from the
 *                changelog topics when missing)
 * identity.key   base64 AES-256 key that encrypts denouncers' identities (rw-------), unless
 *                ONESTOP_IDENTITY_KEY is set
 * </pre>
 *
 * <p>Feed positions ({@code Last-Event-ID}) and consumer offsets are Kafka offsets, kept in the
 * broker's log dirs; nothing else is kept locally. On a named cluster only {@code engine/} and the
 * lock are used.
 */
final class DataDirectory implements AutoCloseable {
  /** The key file's name. */
  static final String IDENTITY_KEY_FILE = "identity.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Directories this JVM holds. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Another live process holds the directory's lock. */
  static final class InUseException extends Exception {
    private static final long serialVersionUID = 1L;

    InUseException(String message) {
      super(message);
    }
  }

  /**
   * Creates the directory if needed and takes its lock ({@code .lock}, {@link
   * FileChannel#tryLock()}), which the operating system releases when this process ends, however it
   * ends.
   *
   * @param dir the data directory, relative to the working directory or absolute
   * @return the locked directory; {@link #close()} releases the lock
   * @throws InUseException naming the lock file (and the pid written in it) when another process
   *     holds it
   * @throws IOException if the directory or the lock file cannot be created
   */
  static DataDirectory lock(Path dir) throws InUseException, IOException {
    Path root = Files.createDirectories(dir.toAbsolutePath().normalize());
    Path lockFile = root.resolve(".lock");
    // Checked before opening the file: closing any descriptor of a file drops this process's
    // POSIX locks on it, so a second attempt in this JVM must not touch the lock file at all.
    if (!HELD.add(root)) {
      throw inUse(root, lockFile, Long.toString(ProcessHandle.current().pid()));
    }
    FileChannel channel;
    FileLock lock;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ByteBuffer holder = ByteBuffer.allocate(32);
        channel.read(holder, 0);
        channel.close();
        throw inUse(
            root,
            lockFile,
            new String(holder.array(), 0, holder.position(), StandardCharsets.US_ASCII).strip());
      }
    } catch (IOException | InUseException | RuntimeException e) {
      HELD.remove(root);
      throw e;
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(true);
    return new DataDirectory(root, channel, lock);
  }

  private static InUseException inUse(Path root, Path lockFile, String holder) {
    return new InUseException(
        "data directory "
            + root
            + " is in use by another onestop run"
            + (holder.matches("\\d+") ? " (pid " + holder + ")" : "")
            + ": lock "
            + lockFile
            + " is held");
  }

  /**
   * @return the absolute data directory
   */
  Path root() {
    return root;
  }

  /**
   * @return the embedded broker's directory
   */
  Path kafka() {
    return root.resolve("kafka");
  }

  /**
   * @return the embedded registry's directory
   */
  Path registry() {
    return root.resolve("registry");
  }

  /**
   * @return the SLA engine's state directory (created)
   * @throws IOException if it cannot be created
   */
  Path engine() throws IOException {
    return Files.createDirectories(root.resolve("engine"));
  }

  /**
   * @return the identity key file, {@code identity.key}
   */
  Path identityKeyFile() {
    return root.resolve(IDENTITY_KEY_FILE);
  }

  /**
   * @return true when the embedded broker's directory was formatted, i.e. Kafka may hold data
   *     written by an earlier run
   */
  boolean holdsKafkaData() {
    return Files.exists(kafka().resolve("metadata").resolve("meta.properties"));
  }

  /**
   * Checks that the parts an earlier run left belong together before the embedded default starts on
   * them: Kafka's records name their schemas by registry id, so a registry started afresh next to
   * old Kafka data could give those ids to other schemas.
   *
   * @throws IllegalStateException naming what is missing and what to do
   */
  void checkEmbeddedComplete() {
    if (holdsKafkaData() && !Files.exists(registry().resolve("registry.mv.db"))) {
      throw new IllegalStateException(
          registry()
              + " is missing but "
              + kafka()
              + " holds data whose schemas it kept: restore it from the backup, or start over"
              + " (delete "
              + root
              + ")");
    }
  }

  /**
   * Reads the identity key file, creating it first when missing: 32 random bytes in base64 on one
   * line, owner-only ({@code rw-------}) from the moment it exists, written to a temporary file and
   * moved into place, so a crash never leaves a half-written key. The file is created before the
   * broker's directory is formatted, so a missing file next to Kafka data means a lost key.
   *
   * @return the key, whether it was created now and whether others may read the file
   * @throws IOException if the file cannot be read or written
   * @throws IllegalStateException naming the file when it does not hold base64 of 32 bytes (the
   *     message does not echo its content), or when it is missing while Kafka holds data (a new key
   *     could not read the denunciations already written)
   */
  StoredKey identityKey() throws IOException {
    Path file = identityKeyFile();
    boolean created = false;
    if (!Files.exists(file) && holdsKafkaData()) {
      throw new IllegalStateException(
          file
              + " is missing but "
              + kafka()
              + " holds data: restore the key from your backup (or set ONESTOP_IDENTITY_KEY);"
              + " a new key could not read the denouncers' identities already written");
    }
    if (!Files.exists(file)) {
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      Path tmp = Files.createTempFile(root, ".identity-", ".tmp", ownerOnly());
      try {
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          out.write(
              ByteBuffer.wrap(
                  (Base64.getEncoder().encodeToString(raw) + "\n")
                      .getBytes(StandardCharsets.US_ASCII)));
          out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      created = true;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    boolean exposed = posix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
    try {
      return new StoredKey(IdentityKey.fromBase64(text), file, created, exposed);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "identity key file " + file + " does not hold base64 of 32 bytes", e);
    }
  }

  /**
   * The identity key read from the data directory.
   *
   * @param key the key
   * @param file where it is kept
   * @param created true when this run created the file
   * @param exposed true when the file's permissions let others than its owner read it
   */
  record StoredKey(IdentityKey key, Path file, boolean created, boolean exposed) {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] ownerOnly() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
      HELD.remove(root);
    }
  }

  @Override
  public String toString() {
    return "DataDirectory[" + root + "]";
  }
}
