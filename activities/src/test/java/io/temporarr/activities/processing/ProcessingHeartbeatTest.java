package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeats Temporal receives while verification and import work: what lets it notice a worker
 * killed mid-attempt after the heartbeat timeout instead of the 30-minute start-to-close.
 */
@Timeout(60)
class ProcessingHeartbeatTest {

  /** What ffprobe reports for a healthy 5-second 25 fps clip. */
  private static final ProbeResult HEALTHY =
      new ProbeResult(0, "", 5.0, "h264", 320, 240, 25, 125, null);

  @TempDir Path temp;
  private Path downloads;
  private Path movies;
  private Path tv;
  private TestActivityEnvironment environment;
  private final List<Object> beats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    downloads = Files.createDirectories(temp.resolve("downloads"));
    movies = Files.createDirectories(temp.resolve("movies"));
    tv = Files.createDirectories(temp.resolve("tv"));
    environment = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  /** A heartbeat timeout as in production, scaled down: the SDK then sends every 0.8 s. */
  private ProcessingActivities stub() {
    return environment.newActivityStub(
        ProcessingActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setHeartbeatTimeout(Duration.ofSeconds(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** Stands in for an ffprobe reading a huge file: it finishes only after {@code beats} beats. */
  private static MediaProber slowUntil(CountDownLatch beats) {
    return file -> {
      try {
        return beats.await(20, TimeUnit.SECONDS) ? HEALTHY : ProbeResult.failed(1, "", "no beats");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ProbeResult.failed(1, "", "interrupted");
      }
    };
  }

  private Path video(String name) throws IOException {
    Path file = downloads.resolve(name);
    Files.write(file, new byte[4096]);
    return file;
  }

  @Test
  void verificationHeartbeatsWhileTheProbeRuns() throws IOException {
    Path movie = video("Movie.2020.mkv");
    CountDownLatch threeBeats = new CountDownLatch(3);
    environment.setActivityHeartbeatListener(
        Object.class,
        details -> {
          beats.add(String.valueOf(details));
          threeBeats.countDown();
        });
    environment.registerActivitiesImplementations(
        new LocalProcessingActivities(
            slowUntil(threeBeats),
            VerificationSettings.defaults(),
            new LibraryImporter(LibrarySettings.defaults(movies, tv)),
            List.of(),
            Heartbeat::ofCurrentActivity,
            Duration.ofMillis(50)));

    VerifiedMedia verified = stub().verifyDownload(new VerifyRequest("wf", movie.toString(), null));

    assertThat(verified.files()).extracting(MediaFile::path).containsExactly(movie.toString());
    assertThat(beats).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void theProductionConstructorHeartbeatsAtTheStartOfEveryProbe() throws IOException {
    Path movie = video("Movie.2020.mkv");
    CountDownLatch oneBeat = new CountDownLatch(1);
    environment.setActivityHeartbeatListener(Object.class, details -> oneBeat.countDown());
    environment.registerActivitiesImplementations(
        new LocalProcessingActivities(
            slowUntil(oneBeat),
            VerificationSettings.defaults(),
            new LibraryImporter(LibrarySettings.defaults(movies, tv))));

    VerifiedMedia verified = stub().verifyDownload(new VerifyRequest("wf", movie.toString(), null));

    assertThat(verified.files()).hasSize(1);
    assertThat(oneBeat.getCount()).isZero();
  }

  @Test
  void aCopyingImportHeartbeatsWithTheBytesCopied() throws IOException {
    Path movie = video("Movie.2020.mkv");
    environment.setActivityHeartbeatListener(Long.class, beats::add);
    LibraryImporter.Linker crossDevice =
        (link, existing) -> {
          throw new FileSystemException(link.toString(), existing.toString(), "cross-device");
        };
    environment.registerActivitiesImplementations(
        new LocalProcessingActivities(
            slowUntil(new CountDownLatch(0)),
            VerificationSettings.defaults(),
            new LibraryImporter(LibrarySettings.defaults(movies, tv), crossDevice)));

    MediaFile verified = new MediaFile(movie.toString(), 4096, 5, "h264", 320, 240);
    ImportResult result =
        stub()
            .importMedia(
                new ImportRequest("wf", MediaType.MOVIE, "M", 2020, null, null, List.of(verified)));

    assertThat(result.files()).extracting(ImportedFile::method).containsExactly("copy");
    // The SDK sends the first beat at once and throttles the rest; the copy ends sooner.
    assertThat(beats).isNotEmpty().allSatisfy(b -> assertThat((Long) b).isBetween(0L, 4096L));
  }
}
