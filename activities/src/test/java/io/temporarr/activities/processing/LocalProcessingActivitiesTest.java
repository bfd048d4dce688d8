package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port as the workflow sees it: real ffprobe, real files, failures as Temporal reports them.
 */
@Timeout(120)
class LocalProcessingActivitiesTest {

  @TempDir static Path media;
  private static Path good;

  @TempDir Path temp;
  private Path downloads;
  private Path movies;
  private TestActivityEnvironment environment;
  private ProcessingActivities activities;

  @BeforeAll
  static void makeMedia() throws Exception {
    good = TestMedia.video(media, "good.mkv", 5);
  }

  @BeforeEach
  void start() throws IOException {
    downloads = Files.createDirectories(temp.resolve("downloads"));
    movies = Files.createDirectories(temp.resolve("movies"));
    Path tv = Files.createDirectories(temp.resolve("tv"));
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new LocalProcessingActivities(
            new FfprobeProber(TestMedia.ffprobe(), Duration.ofSeconds(30)),
            VerificationSettings.defaults(),
            new LibraryImporter(LibrarySettings.defaults(movies, tv)),
            List.of(new PathMapping("/client/downloads", downloads.toString()))));
    activities =
        environment.newActivityStub(
            ProcessingActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(60))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  private Path downloaded(String relative) throws IOException {
    Path file = downloads.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.copy(good, file);
  }

  private static void assertNonRetryable(ThrowingCallable call, String type, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains(message);
            });
  }

  @Test
  void contentPathEscapingTheMappedSavePathIsRefused() throws IOException {
    Files.copy(good, Files.createDirectories(temp.resolve("private")).resolve("Home.Video.mkv"));

    assertNonRetryable(
        () ->
            activities.verifyDownload(
                new VerifyRequest("wf", "/client/downloads/../private", null)),
        ErrorTypes.UNSAFE_PATH,
        "'..'");
  }

  @Test
  void contentPathLinkedOutsideTheMappedSavePathIsRefused() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("private"));
    Files.copy(good, outside.resolve("Home.Video.mkv"));
    Files.createSymbolicLink(downloads.resolve("Movie.2020"), outside);

    assertNonRetryable(
        () ->
            activities.verifyDownload(
                new VerifyRequest("wf", "/client/downloads/Movie.2020", null)),
        ErrorTypes.UNSAFE_PATH,
        "outside");
  }

  @Test
  void symlinkInsideTheDownloadPointingOutsideIsRefused() throws IOException {
    downloaded("Movie.2020/Movie.2020.1080p.mkv");
    Path secret =
        Files.copy(good, Files.createDirectories(temp.resolve("private")).resolve("x.mkv"));
    Files.createSymbolicLink(downloads.resolve("Movie.2020/Movie.2020.Bonus.mkv"), secret);

    assertNonRetryable(
        () ->
            activities.verifyDownload(
                new VerifyRequest("wf", "/client/downloads/Movie.2020", null)),
        ErrorTypes.UNSAFE_PATH,
        "symbolic link");
  }

  @Test
  void goodDownloadIsVerifiedThroughTheClientPathMapping() throws IOException {
    Path main = downloaded("Movie.2020/Movie.2020.1080p.mkv");
    Files.write(downloads.resolve("Movie.2020/Movie.2020.sample.mkv"), new byte[100]);

    VerifiedMedia verified =
        activities.verifyDownload(new VerifyRequest("wf", "/client/downloads/Movie.2020", null));

    assertThat(verified.files()).hasSize(1);
    MediaFile file = verified.files().get(0);
    assertThat(file.path()).isEqualTo(main.toString());
    assertThat(file.sizeBytes()).isEqualTo(Files.size(good));
    assertThat(file.durationSeconds()).isCloseTo(5.0, within(0.2));
    assertThat(file.videoCodec()).isEqualTo("h264");
    assertThat(file.width()).isEqualTo(320);
    assertThat(file.height()).isEqualTo(240);
  }

  @Test
  void truncatedMainFileIsNonRetryableCorruptMediaNamingTheFile() throws IOException {
    Files.createDirectories(downloads.resolve("Movie"));
    TestMedia.firstHalf(good, downloads.resolve("Movie/Movie.mkv"));

    assertNonRetryable(
        () ->
            activities.verifyDownload(
                new VerifyRequest("wf", downloads.resolve("Movie").toString(), null)),
        ErrorTypes.CORRUPT_MEDIA,
        "Movie.mkv: ");
  }

  @Test
  void garbageSingleFileIsCorruptMediaWithFfprobesExitCode() throws IOException {
    Path garbage = downloads.resolve("Movie.mkv");
    Files.writeString(garbage, "garbage ".repeat(1000));

    assertNonRetryable(
        () -> activities.verifyDownload(new VerifyRequest("wf", garbage.toString(), null)),
        ErrorTypes.CORRUPT_MEDIA,
        "Movie.mkv: ffprobe exit 1");
  }

  @Test
  void runtimeFarFromTheTitlesIsCorruptMedia() throws IOException {
    Path main = downloaded("Movie.mkv");

    assertNonRetryable(
        () -> activities.verifyDownload(new VerifyRequest("wf", main.toString(), 90)),
        ErrorTypes.CORRUPT_MEDIA,
        "expected 90 min");
  }

  @Test
  void doubleEpisodeMayRunTwiceTheEpisodeRuntime() throws IOException {
    Path main = downloaded("Show.S01E01E02.mkv");
    // 5 s against a 1-minute runtime passes only within the 5-minute floor; the doubled runtime
    // (2 min) must not push it out.
    VerifiedMedia verified = activities.verifyDownload(new VerifyRequest("wf", main.toString(), 1));

    assertThat(verified.files()).extracting(MediaFile::path).containsExactly(main.toString());
  }

  @Test
  void downloadWithoutVideoIsNonRetryableNoVideoFile() throws IOException {
    Files.writeString(downloads.resolve("readme.txt"), "no video here");

    assertNonRetryable(
        () -> activities.verifyDownload(new VerifyRequest("wf", downloads.toString(), null)),
        ErrorTypes.NO_VIDEO_FILE,
        "no video file");
  }

  @Test
  void requestWithoutContentPathIsABadRequest() {
    assertNonRetryable(
        () -> activities.verifyDownload(new VerifyRequest("wf", " ", null)),
        ErrorTypes.BAD_REQUEST,
        "content path");
  }

  @Test
  void verifiedFilesImportAndASecondImportIsExisting() throws IOException {
    downloaded("Movie.2020/Movie.2020.mkv");
    VerifiedMedia verified =
        activities.verifyDownload(new VerifyRequest("wf", "/client/downloads/Movie.2020", null));
    ImportRequest request =
        new ImportRequest(
            "wf", MediaType.MOVIE, "Movie", 2020, null, "WEBDL-1080p", verified.files());

    ImportResult first = activities.importMedia(request);
    ImportResult second = activities.importMedia(request);

    assertThat(first.libraryPath()).isEqualTo(movies.resolve("Movie (2020)").toString());
    assertThat(first.files()).extracting(ImportedFile::method).containsExactly("hardlink");
    assertThat(second.files()).extracting(ImportedFile::method).containsExactly("existing");
  }

  @Test
  void importConflictReachesTheWorkflowAsNonRetryable() throws IOException {
    Path main = downloaded("Movie.mkv");
    Path target =
        Files.createDirectories(movies.resolve("Movie (2020)")).resolve("Movie (2020).mkv");
    Files.writeString(target, "another file");
    ImportRequest request =
        new ImportRequest(
            "wf",
            MediaType.MOVIE,
            "Movie",
            2020,
            null,
            null,
            List.of(new MediaFile(main.toString(), Files.size(main), 5, "h264", 320, 240)));

    assertNonRetryable(
        () -> activities.importMedia(request), ErrorTypes.IMPORT_CONFLICT, "not overwritten");
  }

  @Test
  void vanishedSourceFailsRetryably() {
    ImportRequest request =
        new ImportRequest(
            "wf",
            MediaType.MOVIE,
            "Movie",
            2020,
            null,
            null,
            List.of(new MediaFile(downloads.resolve("gone.mkv").toString(), 1, 5, "h264", 1, 1)));

    assertThatThrownBy(() -> activities.importMedia(request))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("java.nio.file.NoSuchFileException");
              assertThat(failure.isNonRetryable()).isFalse();
            });
  }

  @Test
  void constructorRequiresItsCollaborators() {
    assertThatThrownBy(
            () -> new LocalProcessingActivities(null, VerificationSettings.defaults(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
