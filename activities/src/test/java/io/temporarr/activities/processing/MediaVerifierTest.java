package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaVerifierTest {

  private final MediaVerifier verifier = new MediaVerifier(VerificationSettings.defaults());

  /** A clean 20 s, 25 fps file: 500 video packets expected. */
  private static ProbeResult clean() {
    return new ProbeResult(0, "", 20.0, "h264", 1920, 1080, 25.0, 500, null);
  }

  @Test
  void cleanFilePasses() {
    assertThat(verifier.rejectionReason(clean(), null)).isEmpty();
  }

  @Test
  void truncatedFileWithExitZeroAndEmptyStderrIsCaughtByThePacketCount() {
    ProbeResult halfTruncated = new ProbeResult(0, "", 20.0, "h264", 1920, 1080, 25.0, 249, null);

    assertThat(verifier.rejectionReason(halfTruncated, null))
        .hasValue("video packets 249 of expected 500");
  }

  @Test
  void packetCountJustAboveTheThresholdPasses() {
    ProbeResult nearlyAll = new ProbeResult(0, "", 20.0, "h264", 1920, 1080, 25.0, 450, null);

    assertThat(verifier.rejectionReason(nearlyAll, null)).isEmpty();
  }

  @Test
  void nonZeroExitIsRejectedWithTheFirstErrorLineWithoutTheLogPrefix() {
    ProbeResult failed =
        ProbeResult.failed(
            1,
            "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d1c0a1b2c0] moov atom not found\n"
                + "/data/x.mp4: Invalid data found when processing input\n",
            "Invalid data found when processing input");

    assertThat(verifier.rejectionReason(failed, null))
        .hasValue("ffprobe exit 1: moov atom not found");
  }

  @Test
  void nonZeroExitWithoutStderrFallsBackToTheErrorObject() {
    assertThat(verifier.rejectionReason(ProbeResult.failed(1, "", "No such file"), null))
        .hasValue("ffprobe exit 1: No such file");
    assertThat(verifier.rejectionReason(ProbeResult.failed(139, null, null), null))
        .hasValue("ffprobe exit 139: no error text");
  }

  @Test
  void anyStderrAtLevelErrorIsRejectedEvenWithExitZero() {
    ProbeResult noisy =
        new ProbeResult(
            0,
            "\n[matroska,webm @ 0x5600a48061c0] File ended prematurely\n",
            20.0,
            "h264",
            1920,
            1080,
            25.0,
            500,
            null);

    assertThat(verifier.rejectionReason(noisy, null))
        .hasValue("ffprobe stderr: File ended prematurely");
  }

  @Test
  void fileWithoutVideoStreamIsRejected() {
    ProbeResult audioOnly = new ProbeResult(0, "", 20.0, null, 0, 0, 0, 0, null);

    assertThat(verifier.rejectionReason(audioOnly, null)).hasValue("no video stream");
  }

  @Test
  void fileWithoutDurationIsRejected() {
    ProbeResult noDuration = new ProbeResult(0, "", 0, "h264", 1920, 1080, 25.0, 500, null);

    assertThat(verifier.rejectionReason(noDuration, null)).hasValue("no duration reported");
  }

  @Test
  void unknownFrameRateIsRejectedBecausePacketsCannotBeJudged() {
    ProbeResult noRate = new ProbeResult(0, "", 20.0, "h264", 1920, 1080, 0, 500, null);

    assertThat(verifier.rejectionReason(noRate, null))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("unknown frame rate"));
  }

  @Test
  void durationFarFromTheExpectedRuntimeIsRejected() {
    ProbeResult twentySeconds = clean();

    assertThat(verifier.rejectionReason(twentySeconds, 120))
        .hasValue("duration 0.3 min, expected 120 min ± 12.0 min");
  }

  @Test
  void runtimeToleranceIsTenPercentButAtLeastFiveMinutes() {
    ProbeResult movie = new ProbeResult(0, "", 110 * 60, "h264", 1920, 1080, 25.0, 165_000, null);
    ProbeResult episode = new ProbeResult(0, "", 26 * 60, "h264", 1920, 1080, 25.0, 39_000, null);

    assertThat(verifier.rejectionReason(movie, 120)).isEmpty();
    assertThat(verifier.rejectionReason(movie, 125)).isPresent();
    assertThat(verifier.rejectionReason(episode, 22)).isEmpty();
    assertThat(verifier.rejectionReason(episode, 20)).isPresent();
  }

  @Test
  void unknownOrZeroRuntimeSkipsTheDurationCheck() {
    assertThat(verifier.rejectionReason(clean(), 0)).isEmpty();
  }

  @Test
  void toleranceAndPacketRatioAreConfigurable() {
    MediaVerifier strict =
        new MediaVerifier(new VerificationSettings(0.0, Duration.ZERO, 1.0, 0.1));
    ProbeResult slightlyShort = new ProbeResult(0, "", 60 * 60 - 30, "h264", 1, 1, 1.0, 3570, null);

    assertThat(strict.rejectionReason(slightlyShort, 60)).isPresent();
    assertThat(strict.rejectionReason(slightlyShort, null)).isEmpty();
  }

  @Test
  void settingsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> new VerificationSettings(-0.1, Duration.ZERO, 0.9, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationSettings(0.1, null, 0.9, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationSettings(0.1, Duration.ofMinutes(-1), 0.9, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationSettings(0.1, Duration.ZERO, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationSettings(0.1, Duration.ZERO, 0.9, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MediaVerifier(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
