package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @Test
  void oneHolderAtATimeAndTheLockNamesItsFileAndPid(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("data");
    try (DataDirectory first = DataDirectory.lock(dir)) {
      assertThat(first.root()).isEqualTo(dir.toAbsolutePath());
      assertThatThrownBy(() -> DataDirectory.lock(dir))
          .isInstanceOf(DataDirectory.InUseException.class)
          .hasMessage(
              "data directory "
                  + dir.toAbsolutePath()
                  + " is in use by another onestop run (pid "
                  + ProcessHandle.current().pid()
                  + "): lock "
                  + dir.toAbsolutePath().resolve(".lock")
                  + " is held");
    }
    try (DataDirectory again = DataDirectory.lock(dir)) {
      assertThat(again.root()).isEqualTo(dir.toAbsolutePath());
    }
  }

  @Test
  void theIdentityKeyIsCreatedOnceOwnerOnlyAndReadBackTheSame(@TempDir Path tmp) throws Exception {
    try (DataDirectory data = DataDirectory.lock(tmp)) {
      DataDirectory.StoredKey first = data.identityKey();
      assertThat(first.created()).isTrue();
      assertThat(first.exposed()).isFalse();
      assertThat(Files.getPosixFilePermissions(first.file()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      DataDirectory.StoredKey second = data.identityKey();
      assertThat(second.created()).isFalse();
      assertThat(second.key().keyId()).isEqualTo(first.key().keyId());
      assertThat(second.key().key().getEncoded()).isEqualTo(first.key().key().getEncoded());

      Files.setPosixFilePermissions(first.file(), PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(data.identityKey().exposed()).isTrue();
    }
  }

  @Test
  void aLostKeyOrRegistryNextToKafkaDataIsRefusedNotReplaced(@TempDir Path tmp) throws Exception {
    try (DataDirectory data = DataDirectory.lock(tmp)) {
      Files.createDirectories(data.kafka().resolve("metadata"));
      Files.writeString(data.kafka().resolve("metadata").resolve("meta.properties"), "node.id=1\n");

      assertThatThrownBy(data::identityKey)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(data.identityKeyFile() + " is missing but ");
      assertThat(data.identityKeyFile()).doesNotExist();

      assertThatThrownBy(data::checkEmbeddedComplete)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(data.registry() + " is missing but ");
      Files.createDirectories(data.registry());
      Files.writeString(data.registry().resolve("registry.mv.db"), "");
      data.checkEmbeddedComplete();
    }
  }

  @Test
  void aDamagedKeyFileIsNamedWithoutItsContent(@TempDir Path tmp) throws Exception {
    try (DataDirectory data = DataDirectory.lock(tmp)) {
      Files.writeString(data.identityKeyFile(), "not-a-key-secret-text\n");
      assertThatThrownBy(data::identityKey)
          .hasMessage(
              "identity key file " + data.identityKeyFile() + " does not hold base64 of 32 bytes")
          .hasMessageNotContaining("secret");
    }
  }
}
