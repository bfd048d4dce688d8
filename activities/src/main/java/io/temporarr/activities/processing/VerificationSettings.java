package io.temporarr.activities.processing;

import java.time.Duration;

/**
 * How strictly downloads are judged.
 *
 * @param runtimeToleranceRatio allowed deviation from the expected runtime as a share of it
 * @param minRuntimeTolerance allowed deviation at least this large (short episodes, rounded
 *     runtimes); the larger of the two applies
 * @param minPacketRatio share of duration × frame rate that must be present as video packets
 * @param sampleSizeRatio files smaller than this share of the largest video are samples or extras
 */
public record VerificationSettings(
    double runtimeToleranceRatio,
    Duration minRuntimeTolerance,
    double minPacketRatio,
    double sampleSizeRatio) {

  public VerificationSettings {
    if (!(runtimeToleranceRatio >= 0)
        || minRuntimeTolerance == null
        || minRuntimeTolerance.isNegative()
        || !(minPacketRatio > 0 && minPacketRatio <= 1)
        || !(sampleSizeRatio >= 0 && sampleSizeRatio < 1)) {
      throw new IllegalArgumentException(
          "runtime tolerance must be ≥ 0, packet ratio in (0, 1], sample size ratio in [0, 1)");
    }
  }

  /** ±10 % of the runtime but at least ±5 min; 90 % of packets; samples below 10 % of the main. */
  public static VerificationSettings defaults() {
    return new VerificationSettings(0.10, Duration.ofMinutes(5), 0.90, 0.10);
  }
}
