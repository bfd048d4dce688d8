package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.processing.VideoCandidates.Candidate;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCandidatesTest {

  private static final double SAMPLE_RATIO = VerificationSettings.defaults().sampleSizeRatio();

  @TempDir Path download;

  private Path file(String relative, int size) throws IOException {
    Path file = download.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[size]);
    return file;
  }

  private List<Path> found(Path contentPath) throws IOException {
    return VideoCandidates.find(contentPath, SAMPLE_RATIO).stream().map(Candidate::path).toList();
  }

  @Test
  void folderWithSampleAndMainPicksTheMain() throws IOException {
    Path main = file("Movie.2020.1080p/Movie.2020.1080p.mkv", 10_000);
    file("Movie.2020.1080p/movie.2020.1080p-sample.mkv", 9_000);
    file("Movie.2020.1080p/Sample/movie.sample.mkv", 9_000);
    file("Movie.2020.1080p/Movie.2020.1080p.nfo", 20_000);

    assertThat(found(download.resolve("Movie.2020.1080p"))).containsExactly(main);
  }

  @Test
  void sampleMustBeAWordNotPartOfOne() throws IOException {
    Path main = file("Samplers.Delight.2020.mkv", 10_000);

    assertThat(found(download)).containsExactly(main);
  }

  @Test
  void extrasFoldersHiddenFilesAndMuchSmallerFilesAreSkipped() throws IOException {
    Path main = file("Movie/Movie.mkv", 100_000);
    file("Movie/Featurettes/Making Of.mkv", 90_000);
    file("Movie/Behind The Scenes/Crew.mp4", 90_000);
    file("Movie/._Movie.mkv", 100_000);
    file("Movie/.hidden/Other.mkv", 100_000);
    file("Movie/Trailer.mp4", 5_000);

    assertThat(found(download.resolve("Movie"))).containsExactly(main);
  }

  @Test
  void seasonPackKeepsEveryEpisodeLargestFirstInNestedFolders() throws IOException {
    Path e1 = file("Show.S01/Show.S01E01.mkv", 10_000);
    Path e2 = file("Show.S01/Show.S01E02.MP4", 12_000);
    Path e3 = file("Show.S01/Disc 2/Show.S01E03.m2ts", 11_000);

    assertThat(found(download.resolve("Show.S01"))).containsExactly(e2, e3, e1);
  }

  @Test
  void singleFileContentPathIsItsOwnCandidate() throws IOException {
    Path single = file("Movie.2020.mp4", 1_000);

    assertThat(VideoCandidates.find(single, SAMPLE_RATIO))
        .containsExactly(new Candidate(single, 1_000));
  }

  @Test
  void symlinkLeadingOutsideTheDownloadIsRefusedAsUnsafe() throws IOException {
    Path secret = file("elsewhere/secret.mkv", 1_000);
    file("linked/Movie.mkv", 1_000);
    Files.createSymbolicLink(download.resolve("linked/Movie.Extra.Cut.mkv"), secret);

    assertThatThrownBy(() -> found(download.resolve("linked")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNSAFE_PATH);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void symlinkInsideTheDownloadIsNotFollowed() throws IOException {
    Path main = file("linked/Movie.mkv", 1_000);
    Files.createSymbolicLink(download.resolve("linked/Movie.Copy.mkv"), main);

    assertThat(found(download.resolve("linked"))).containsExactly(main);
  }

  @Test
  void downloadWithoutVideoIsANonRetryableNoVideoFile() throws IOException {
    file("Album/01 - Track.flac", 10_000);
    file("Album/cover.jpg", 1_000);
    file("Album/empty.mkv", 0);

    assertThatThrownBy(() -> found(download.resolve("Album")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NO_VIDEO_FILE);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void missingContentPathPointsAtThePathMapping() {
    assertThatThrownBy(() -> found(download.resolve("not-there")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("path mapping");
            });
  }
}
