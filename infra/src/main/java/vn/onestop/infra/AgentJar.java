package vn.onestop.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Finds or builds the jar that carries {@link ParentWatchAgent}, for {@code -javaagent:}. */
final class AgentJar {
  private static final String CLASS_FILE =
      ParentWatchAgent.class.getName().replace('.', '/') + ".class";

  private AgentJar() {}

  /**
   * @return the infra jar when this class was loaded from it and its manifest names the agent;
   *     otherwise (classes directory, shaded jar) a tiny jar holding only the agent class, built
   *     once into the cache directory
   * @throws InfraException if the agent jar cannot be written
   */
  static Path locate() {
    Path own = codeSourceJar();
    if (own != null && namesAgent(own)) {
      return own;
    }
    return buildTinyJar();
  }

  private static Path codeSourceJar() {
    CodeSource source = ParentWatchAgent.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean namesAgent(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null
          && ParentWatchAgent.class
              .getName()
              .equals(manifest.getMainAttributes().getValue("Premain-Class"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Path buildTinyJar() {
    byte[] bytes;
    try (InputStream in = ParentWatchAgent.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
      if (in == null) {
        throw new InfraException("class file " + CLASS_FILE + " not found on the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new InfraException("cannot read " + CLASS_FILE, e);
    }
    Path dir = CacheDirectory.get().resolve("agent");
    Path jar = dir.resolve("onestop-parent-watch-" + sha256(bytes).substring(0, 16) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(new Attributes.Name("Premain-Class"), ParentWatchAgent.class.getName());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "agent-", ".jar.tmp");
      try (OutputStream out = Files.newOutputStream(tmp);
          JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
        jarOut.putNextEntry(new ZipEntry(CLASS_FILE));
        jarOut.write(bytes);
        jarOut.closeEntry();
      }
      Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return jar;
    } catch (IOException e) {
      throw new InfraException("cannot write the parent-watch agent jar " + jar, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
