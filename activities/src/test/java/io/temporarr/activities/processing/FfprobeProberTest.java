package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FfprobeProberTest {

  @TempDir static Path media;
  @TempDir Path dir;

  private static Path good;

  private final FfprobeProber prober =
      new FfprobeProber(TestMedia.ffprobe(), Duration.ofSeconds(30));
  private final MediaVerifier verifier = new MediaVerifier(VerificationSettings.defaults());

  @BeforeAll
  static void makeMedia() throws Exception {
    good = TestMedia.video(media, "good.mkv", 5);
  }

  @Test
  void goodFileReportsDurationCodecSizeFrameRateAndCountedPackets() {
    ProbeResult probe = prober.probe(good);

    assertThat(probe.exitCode()).isZero();
    assertThat(probe.stderr()).isEmpty();
    assertThat(probe.errorMessage()).isNull();
    assertThat(probe.durationSeconds()).isCloseTo(5.0, within(0.2));
    assertThat(probe.videoCodec()).isEqualTo("h264");
    assertThat(probe.width()).isEqualTo(320);
    assertThat(probe.height()).isEqualTo(240);
    assertThat(probe.frameRate()).isEqualTo(25.0);
    assertThat(probe.videoPackets()).isEqualTo(125);
    assertThat(verifier.rejectionReason(probe, null)).isEmpty();
  }

  @Test
  void mkvCutInHalfExitsZeroButIsRejected() throws Exception {
    Path truncated = TestMedia.firstHalf(good, dir.resolve("truncated.mkv"));

    ProbeResult probe = prober.probe(truncated);

    assertThat(probe.exitCode()).isZero();
    assertThat(probe.durationSeconds()).isCloseTo(5.0, within(0.2));
    assertThat(probe.videoPackets()).isLessThan(100);
    assertThat(verifier.rejectionReason(probe, null))
        .hasValueSatisfying(reason -> assertThat(reason).containsAnyOf("packets", "stderr"));
  }

  @Test
  void garbageFileExitsNonZeroWithFfprobesError() throws Exception {
    Path garbage = dir.resolve("garbage.mkv");
    Files.writeString(garbage, "this is not a video file ".repeat(100));

    ProbeResult probe = prober.probe(garbage);

    assertThat(probe.exitCode()).isNotZero();
    assertThat(probe.hasVideo()).isFalse();
    assertThat(probe.errorMessage()).isEqualTo("Invalid data found when processing input");
    assertThat(verifier.rejectionReason(probe, null))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("ffprobe exit 1: "));
  }

  @Test
  void mp4WithoutItsMoovAtomIsRejectedWithFfprobesReason() throws Exception {
    Path mp4 = TestMedia.video(dir, "movie.mp4", 2);
    Path cut = TestMedia.firstHalf(mp4, dir.resolve("cut.mp4"));

    assertThat(verifier.rejectionReason(prober.probe(cut), null))
        .hasValue("ffprobe exit 1: moov atom not found");
  }

  @Test
  void fileNameWithSpacesQuotesShellCharactersAndLeadingDashIsProbed() throws Exception {
    Path odd = dir.resolve("-i movie: 'part' \"1\" $(touch pwned); x.mkv");
    Files.copy(good, odd);

    ProbeResult probe = prober.probe(odd);

    assertThat(probe.exitCode()).isZero();
    assertThat(probe.videoCodec()).isEqualTo("h264");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void fileIsPassedAsAFileUrlAfterDashIAndOnlyTheFileProtocolIsAllowed() throws Exception {
    Path args = dir.resolve("args.txt");
    Path fake =
        TestMedia.script(dir, "fake-ffprobe", "printf '%s\\n' \"$@\" > '" + args + "'\necho '{}'");

    new FfprobeProber(fake, Duration.ofSeconds(10)).probe(Path.of("-relative name.mkv"));

    List<String> lines = Files.readAllLines(args);
    assertThat(lines)
        .containsSubsequence("-v", "error")
        .containsSubsequence("-protocol_whitelist", "file")
        .contains("-count_packets", "-show_format", "-show_streams", "-show_error");
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .containsExactly("-i", "file:" + Path.of("-relative name.mkv").toAbsolutePath());
  }

  @Test
  void missingExecutableIsANonRetryableConfigurationError() {
    FfprobeProber missing =
        new FfprobeProber(Path.of("/nonexistent/bin/ffprobe"), Duration.ofSeconds(5));

    assertThatThrownBy(() -> missing.probe(good))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("/nonexistent/bin/ffprobe")
                  .contains("install ffmpeg");
            });
  }

  @Test
  void probeThatOutlivesTheTimeoutIsKilledAndFailsRetryably() throws Exception {
    Path slow = TestMedia.script(dir, "slow-ffprobe", "exec sleep 30");
    FfprobeProber impatient = new FfprobeProber(slow, Duration.ofMillis(300));

    long started = System.nanoTime();
    assertThatThrownBy(() -> impatient.probe(good))
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("did not finish within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void megabytesOfStderrDoNotBlockTheProcessAndAreCapped() throws Exception {
    Path chatty =
        TestMedia.script(
            dir,
            "chatty-ffprobe",
            "head -c 2000000 /dev/zero | tr '\\0' e >&2\n"
                + "echo '{\"streams\":[{\"codec_type\":\"video\",\"codec_name\":\"hevc\","
                + "\"width\":1920,\"height\":1080,\"avg_frame_rate\":\"0/0\","
                + "\"r_frame_rate\":\"24000/1001\",\"nb_read_packets\":\"10\"}],"
                + "\"format\":{\"duration\":\"N/A\"}}'");

    ProbeResult probe = new FfprobeProber(chatty, Duration.ofSeconds(20)).probe(good);

    assertThat(probe.stderr()).hasSize(FfprobeProber.MAX_CAPTURED_CHARS);
    assertThat(probe.videoCodec()).isEqualTo("hevc");
    assertThat(probe.frameRate()).isCloseTo(23.976, within(0.001));
    assertThat(probe.durationSeconds()).isZero();
  }

  @Test
  void unreadableOutputBecomesAnErrorMessage() throws Exception {
    Path broken = TestMedia.script(dir, "broken-ffprobe", "echo 'not json'");

    ProbeResult probe = new FfprobeProber(broken, Duration.ofSeconds(10)).probe(good);

    assertThat(probe.exitCode()).isZero();
    assertThat(probe.errorMessage()).startsWith("unreadable ffprobe output");
    assertThat(verifier.rejectionReason(probe, null))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("ffprobe error: unreadable"));
  }

  @Test
  void coverArtIsNotMistakenForTheVideoAndStreamDurationIsTheFallback() {
    String json =
        """
        {"streams":[
          {"codec_type":"video","codec_name":"mjpeg","width":600,"height":900,
           "disposition":{"attached_pic":1},"nb_read_packets":"1"},
          {"codec_type":"audio","codec_name":"aac"},
          {"codec_type":"video","codec_name":"av1","width":3840,"height":2160,
           "avg_frame_rate":"30000/1001","duration":"60.5","nb_read_packets":"1813"}],
         "format":{}}
        """;

    ProbeResult probe = FfprobeProber.parse(0, json, "");

    assertThat(probe.videoCodec()).isEqualTo("av1");
    assertThat(probe.width()).isEqualTo(3840);
    assertThat(probe.durationSeconds()).isEqualTo(60.5);
    assertThat(probe.frameRate()).isCloseTo(29.97, within(0.01));
    assertThat(probe.videoPackets()).isEqualTo(1813);
  }

  @Test
  void nonsenseNumbersReadAsUnknown() {
    assertThat(FfprobeProber.rate("0/0")).isZero();
    assertThat(FfprobeProber.rate("abc")).isZero();
    assertThat(FfprobeProber.rate("25")).isEqualTo(25.0);
    assertThat(FfprobeProber.parse(0, "{\"format\":{\"duration\":\"NaN\"}}", "").durationSeconds())
        .isZero();
  }

  @Test
  void constructorRejectsMissingExecutableOrNonPositiveTimeout() {
    assertThatThrownBy(() -> new FfprobeProber(null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FfprobeProber(TestMedia.ffprobe(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
