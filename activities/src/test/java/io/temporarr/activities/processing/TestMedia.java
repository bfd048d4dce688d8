package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.fail;

import io.temporarr.activities.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real media made with ffmpeg at test time. ffmpeg/ffprobe are test prerequisites (Debian package
 * {@code ffmpeg}): without them these tests fail, they do not skip.
 */
final class TestMedia {

  private TestMedia() {}

  /** The installed ffprobe; fails the test naming the package when it is missing. */
  static Path ffprobe() {
    return Path.of(Tools.require("ffprobe"));
  }

  /** A 320x240, 25 fps H.264 + AAC file of the given length. */
  static Path video(Path dir, String name, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve(name);
    List<String> command =
        List.of(
            Tools.require("ffmpeg"),
            "-nostdin",
            "-y",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=" + seconds + ":size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=duration=" + seconds,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "file:" + out.toAbsolutePath());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      return fail("ffmpeg could not make test media: " + output);
    }
    return out;
  }

  /** The first half of a file's bytes, as a download cut short would leave it. */
  static Path firstHalf(Path source, Path target) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    Files.write(target, Arrays.copyOf(bytes, bytes.length / 2));
    return target;
  }

  /** An executable shell script standing in for ffprobe. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
