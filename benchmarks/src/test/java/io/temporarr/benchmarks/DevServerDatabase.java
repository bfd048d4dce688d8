package io.temporarr.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a benchmark's dev server keeps its database file: under the run's directory, or on tmpfs
 * ({@code /dev/shm}: a file still, but without the disk's fsyncs and checkpoints, which on a shared
 * disk stall the server for hundreds of milliseconds at random and so decide a tail latency that is
 * not the code under test). Closing it deletes a tmpfs directory; one under the run's directory
 * stays, with the run's other files.
 */
public final class DevServerDatabase implements AutoCloseable {

  private static final Path TMPFS = Path.of("/dev/shm");

  private final Path directory;
  private final boolean tmpfs;

  private DevServerDatabase(Path directory, boolean tmpfs) {
    this.directory = directory;
    this.tmpfs = tmpfs;
  }

  /** A fresh directory: on tmpfs when asked, else {@code runDir/temporal}. */
  public static DevServerDatabase in(Path runDir, boolean tmpfs) throws IOException {
    if (tmpfs) {
      return new DevServerDatabase(
          Files.createTempDirectory(TMPFS, "temporarr-bench-temporal-"), true);
    }
    return new DevServerDatabase(Files.createDirectories(runDir.resolve("temporal")), false);
  }

  public Path directory() {
    return directory;
  }

  public boolean onTmpfs() {
    return tmpfs;
  }

  @Override
  public void close() throws IOException {
    if (!tmpfs) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
