package io.temporarr.activities.processing;

/**
 * What a {@link MediaProber} reported about one file.
 *
 * @param exitCode the tool's exit code
 * @param stderr everything written to stderr at {@code -v error}; empty for a clean file
 * @param durationSeconds container duration, 0 when unknown
 * @param videoCodec codec of the first real video stream (cover art excluded), null when the file
 *     has none
 * @param frameRate average frame rate of that stream, 0 when unknown
 * @param videoPackets packets of that stream counted by reading the whole file
 * @param errorMessage the tool's own error text, or why its output could not be read; null when
 *     none
 */
public record ProbeResult(
    int exitCode,
    String stderr,
    double durationSeconds,
    String videoCodec,
    int width,
    int height,
    double frameRate,
    long videoPackets,
    String errorMessage) {

  public ProbeResult {
    stderr = stderr == null ? "" : stderr;
  }

  /** A run that produced no usable facts (the tool failed or its output was unreadable). */
  public static ProbeResult failed(int exitCode, String stderr, String errorMessage) {
    return new ProbeResult(exitCode, stderr, 0, null, 0, 0, 0, 0, errorMessage);
  }

  public boolean hasVideo() {
    return videoCodec != null;
  }
}
