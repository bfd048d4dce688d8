package io.temporarr.worker.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fake video files of the sandbox, a simulator for the embedded default, never used against
 * real services: written by {@link SandboxDownloadClient} when a simulated torrent completes and
 * recognised by {@link SandboxMediaProber}. They are not playable media: a plain-text header (so
 * {@code head} on the file explains itself) followed by deterministic filler bytes up to the
 * configured size.
 *
 * <pre>
 * TEMPORARR-SANDBOX-MEDIA/1
 * note=simulated by the Temporarr sandbox, not a real video
 * duration-seconds=6000
 * width=1920
 * height=1080
 * video-codec=h264
 * frame-rate=25
 * (empty line, then filler)
 * </pre>
 */
record SandboxMediaFile(
    Duration duration, int width, int height, String videoCodec, int frameRate) {

  /** First bytes of every sandbox media file. */
  static final String MAGIC = "TEMPORARR-SANDBOX-MEDIA/1\n";

  /** The simulated frame rate: packets = duration × 25, as ffprobe would count them. */
  static final int FRAME_RATE = 25;

  /** Headers are tiny; reading more than this cannot be a sandbox header. */
  private static final int HEADER_LIMIT = 1024;

  /** A plausible picture for a release name: the resolution its quality token names. */
  static SandboxMediaFile forRelease(String releaseName, Duration duration) {
    String name = releaseName.toLowerCase(Locale.ROOT);
    if (name.contains("2160p")) {
      return new SandboxMediaFile(duration, 3840, 2160, "hevc", FRAME_RATE);
    }
    if (name.contains("720p")) {
      return new SandboxMediaFile(duration, 1280, 720, "h264", FRAME_RATE);
    }
    return new SandboxMediaFile(duration, 1920, 1080, "h264", FRAME_RATE);
  }

  String header() {
    return MAGIC
        + "note=simulated by the Temporarr sandbox, not a real video\n"
        + "duration-seconds="
        + duration.toSeconds()
        + "\nwidth="
        + width
        + "\nheight="
        + height
        + "\nvideo-codec="
        + videoCodec
        + "\nframe-rate="
        + frameRate
        + "\n\n";
  }

  /**
   * Writes the file (header, then filler seeded by {@code seed}) under a temporary name and moves
   * it into place, so a reader never sees a half-written file under the final name.
   */
  void write(Path target, long sizeBytes, String seed) throws IOException {
    byte[] header = header().getBytes(StandardCharsets.US_ASCII);
    if (sizeBytes < header.length) {
      throw new IllegalArgumentException("file size " + sizeBytes + " cannot hold the header");
    }
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(partial)) {
      out.write(header);
      byte[] buffer = new byte[64 * 1024];
      long state = seed.hashCode() | 1L;
      long left = sizeBytes - header.length;
      while (left > 0) {
        for (int i = 0; i < buffer.length; i++) {
          // xorshift: cheap, deterministic bytes that do not compress to nothing
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          buffer[i] = (byte) state;
        }
        int chunk = (int) Math.min(buffer.length, left);
        out.write(buffer, 0, chunk);
        left -= chunk;
      }
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The header of a sandbox media file; empty for any other file or an unreadable one. */
  static Optional<SandboxMediaFile> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEADER_LIMIT);
    } catch (IOException e) {
      return Optional.empty();
    }
    String text = new String(head, StandardCharsets.US_ASCII);
    int end = text.indexOf("\n\n");
    if (!text.startsWith(MAGIC) || end < 0) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.substring(MAGIC.length(), end).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      return Optional.of(
          new SandboxMediaFile(
              Duration.ofSeconds(Long.parseLong(fields.get("duration-seconds"))),
              Integer.parseInt(fields.get("width")),
              Integer.parseInt(fields.get("height")),
              fields.getOrDefault("video-codec", "h264"),
              Integer.parseInt(fields.get("frame-rate"))));
    } catch (RuntimeException e) {
      // a damaged header is not a sandbox file the prober can vouch for
      return Optional.empty();
    }
  }
}
