package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServerDatabaseTest {

  @Test
  void aTmpfsDirectoryIsFreshAndDeletedWithItsFilesOnClose(@TempDir Path run) throws Exception {
    Path dir;
    try (DevServerDatabase database = DevServerDatabase.in(run, true)) {
      dir = database.directory();
      assertThat(dir).startsWith(Path.of("/dev/shm")).isEmptyDirectory();
      Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("temporal.db"), "x");
      assertThat(database.onTmpfs()).isTrue();
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void aDirectoryUnderTheRunStaysWithTheRun(@TempDir Path run) throws Exception {
    try (DevServerDatabase database = DevServerDatabase.in(run, false)) {
      assertThat(database.directory()).isEqualTo(run.resolve("temporal")).isDirectory();
      assertThat(database.onTmpfs()).isFalse();
    }
    assertThat(run.resolve("temporal")).isDirectory();
  }
}
