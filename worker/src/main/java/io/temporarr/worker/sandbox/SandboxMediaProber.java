package io.temporarr.worker.sandbox;

import io.temporarr.activities.processing.MediaProber;
import io.temporarr.activities.processing.ProbeResult;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATOR of ffprobe for the sandbox of the embedded default, never used against real media:
 * registered only when the sandbox is on and no {@code ffprobe} is installed (or {@code
 * temporarr.sandbox.simulated-probe=always}), so a newcomer with nothing but a JDK still sees a
 * request through verification.
 *
 * <p>It recognises the fake video files the sandbox download client writes ({@link
 * SandboxMediaFile}: a {@code TEMPORARR-SANDBOX-MEDIA/1} header) and reports what ffprobe would
 * report for a good file of that description: exit code 0, empty stderr, the header's duration,
 * codec and resolution, 25 fps and duration × 25 video packets. Any other file gets the result of
 * an ffprobe run on garbage (exit code 1 and an error), so nothing real ever passes verification
 * through it. Read-only and idempotent.
 */
public final class SandboxMediaProber implements MediaProber {

  /** ffprobe's exit code for a file it cannot read. */
  static final int FAILED_EXIT_CODE = 1;

  private static final Logger log = LoggerFactory.getLogger(SandboxMediaProber.class);

  public SandboxMediaProber() {
    log.warn(
        "SANDBOX media prober in use instead of ffprobe: a SIMULATOR, media files are NOT really"
            + " verified; only files written by the sandbox download client pass. Install ffmpeg"
            + " (and leave temporarr.sandbox.simulated-probe at its default) for real"
            + " verification.");
  }

  @Override
  public ProbeResult probe(Path file) {
    Optional<SandboxMediaFile> media = SandboxMediaFile.read(file);
    if (media.isEmpty()) {
      String reason = file + ": Invalid data found when processing input";
      return ProbeResult.failed(
          FAILED_EXIT_CODE,
          reason + "\n",
          "not a sandbox media file (the sandbox prober simulates ffprobe for those only)");
    }
    SandboxMediaFile header = media.get();
    double seconds = header.duration().toMillis() / 1000.0;
    return new ProbeResult(
        0,
        "",
        seconds,
        header.videoCodec(),
        header.width(),
        header.height(),
        header.frameRate(),
        Math.round(seconds * header.frameRate()),
        null);
  }
}
