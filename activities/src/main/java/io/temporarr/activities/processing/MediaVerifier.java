package io.temporarr.activities.processing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Judges a {@link ProbeResult}. A file passes only with exit code 0, empty stderr, a video stream,
 * a duration close to the expected runtime (when known) and enough video packets for its duration:
 * a half-truncated MKV exits 0, keeps its header duration and may print nothing, so the packet
 * count is the check that catches it.
 */
public final class MediaVerifier {

  /** ffmpeg prefixes log lines with the component, e.g. "[matroska,webm @ 0x55d1c0] ". */
  private static final Pattern LOG_PREFIX = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-fA-F]+\\]\\s*");

  private final VerificationSettings settings;

  public MediaVerifier(VerificationSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("verification settings are required");
    }
    this.settings = settings;
  }

  /**
   * @param expectedRuntimeMinutes the title's runtime, or null/0 when unknown (no duration check)
   * @return why the file must be rejected, or empty when it passes
   */
  public Optional<String> rejectionReason(ProbeResult probe, Integer expectedRuntimeMinutes) {
    if (probe.exitCode() != 0) {
      String detail = firstLine(probe.stderr());
      if (detail.isEmpty()) {
        detail = probe.errorMessage() == null ? "no error text" : probe.errorMessage();
      }
      return Optional.of("ffprobe exit " + probe.exitCode() + ": " + detail);
    }
    if (!probe.stderr().isBlank()) {
      return Optional.of("ffprobe stderr: " + firstLine(probe.stderr()));
    }
    if (probe.errorMessage() != null) {
      return Optional.of("ffprobe error: " + probe.errorMessage());
    }
    if (!probe.hasVideo()) {
      return Optional.of("no video stream");
    }
    double duration = probe.durationSeconds();
    if (duration <= 0) {
      return Optional.of("no duration reported");
    }
    if (expectedRuntimeMinutes != null && expectedRuntimeMinutes > 0) {
      double expected = expectedRuntimeMinutes * 60.0;
      double tolerance =
          Math.max(
              expected * settings.runtimeToleranceRatio(),
              settings.minRuntimeTolerance().toSeconds());
      if (Math.abs(duration - expected) > tolerance) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "duration %.1f min, expected %d min ± %.1f min",
                duration / 60,
                expectedRuntimeMinutes,
                tolerance / 60));
      }
    }
    if (probe.frameRate() <= 0) {
      return Optional.of("unknown frame rate: video packets cannot be checked against duration");
    }
    long expectedPackets = Math.round(duration * probe.frameRate());
    if (probe.videoPackets() < expectedPackets * settings.minPacketRatio()) {
      return Optional.of(
          "video packets " + probe.videoPackets() + " of expected " + expectedPackets);
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      String cleaned = LOG_PREFIX.matcher(line).replaceFirst("").strip();
      if (!cleaned.isEmpty()) {
        return cleaned;
      }
    }
    return "";
  }
}
