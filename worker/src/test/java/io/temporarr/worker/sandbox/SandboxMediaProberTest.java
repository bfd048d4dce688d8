package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.processing.MediaVerifier;
import io.temporarr.activities.processing.ProbeResult;
import io.temporarr.activities.processing.VerificationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SandboxMediaProberTest {

  private final SandboxMediaProber prober = new SandboxMediaProber();
  private final MediaVerifier verifier = new MediaVerifier(VerificationSettings.defaults());

  @TempDir Path dir;

  @Test
  void aFileTheSandboxDownloadClientWroteProbesAsAGoodVideo() {
    SandboxTestClock clock = new SandboxTestClock();
    SandboxDownloadClient client =
        new SandboxDownloadClient(dir, Duration.ZERO, 8192, Duration.ofMinutes(100), clock);
    client.add(
        List.of(
            "magnet:?xt=urn:btih:" + "a".repeat(40) + "&dn=Heat.1995.2160p.WEB-DL.x265-SANDBOX"),
        null,
        null,
        Set.of(),
        false);
    Path file = Path.of((String) client.info(null, null, null, null).get(0).get("content_path"));

    ProbeResult result = prober.probe(file);

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.durationSeconds()).isEqualTo(6000.0);
    assertThat(result.videoCodec()).isEqualTo("hevc");
    assertThat(result.width()).isEqualTo(3840);
    assertThat(result.height()).isEqualTo(2160);
    assertThat(result.frameRate()).isEqualTo(25.0);
    assertThat(result.videoPackets()).isEqualTo(6000 * 25);
    assertThat(verifier.rejectionReason(result, 100)).isEmpty();
    assertThat(verifier.rejectionReason(result, null)).isEmpty();
  }

  @Test
  void anyOtherFileProbesAsFfprobeReportsGarbage() throws Exception {
    Path real =
        Files.write(dir.resolve("movie.mkv"), new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 0});

    ProbeResult result = prober.probe(real);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.hasVideo()).isFalse();
    assertThat(result.errorMessage()).contains("not a sandbox media file");
    assertThat(verifier.rejectionReason(result, null))
        .hasValueSatisfying(r -> assertThat(r).startsWith("ffprobe exit 1"));
    assertThat(prober.probe(dir.resolve("missing.mkv")).exitCode()).isEqualTo(1);
  }

  @Test
  void aDamagedSandboxHeaderIsNotVouchedFor() throws Exception {
    Path damaged =
        Files.writeString(
            dir.resolve("x.mkv"), SandboxMediaFile.MAGIC + "duration-seconds=abc\n\nfiller");

    assertThat(prober.probe(damaged).exitCode()).isEqualTo(1);
  }

  @Test
  void resolutionFollowsTheQualityInTheReleaseName() {
    assertThat(SandboxMediaFile.forRelease("X.720p.WEB", Duration.ofMinutes(1)).height())
        .isEqualTo(720);
    assertThat(SandboxMediaFile.forRelease("X.1080p.WEB", Duration.ofMinutes(1)).height())
        .isEqualTo(1080);
    assertThat(SandboxMediaFile.forRelease("no quality", Duration.ofMinutes(1)).height())
        .isEqualTo(1080);
  }
}
