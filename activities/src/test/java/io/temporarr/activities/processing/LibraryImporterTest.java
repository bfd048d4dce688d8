package io.temporarr.activities.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryImporterTest {

  /** A filesystem that cannot hardlink across devices, as when downloads and library differ. */
  private static final LibraryImporter.Linker CROSS_DEVICE =
      (link, existing) -> {
        throw new FileSystemException(
            link.toString(), existing.toString(), "Invalid cross-device link");
      };

  @TempDir Path temp;
  private Path downloads;
  private Path movies;
  private Path tv;
  private LibrarySettings settings;

  @BeforeEach
  void roots() throws IOException {
    downloads = Files.createDirectories(temp.resolve("downloads"));
    movies = Files.createDirectories(temp.resolve("library/movies"));
    tv = Files.createDirectories(temp.resolve("library/tv"));
    settings = LibrarySettings.defaults(movies, tv);
  }

  private MediaFile download(String name, String content) throws IOException {
    Path file = downloads.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new MediaFile(file.toString(), content.length(), 60, "h264", 1920, 1080);
  }

  private static ImportRequest movie(String title, Integer year, MediaFile... files) {
    return new ImportRequest(
        "wf-1", MediaType.MOVIE, title, year, null, "Bluray-1080p", List.of(files));
  }

  private static ImportRequest season(int season, MediaFile... files) {
    return new ImportRequest(
        "wf-2", MediaType.TV, "The Show", 2019, season, "WEBDL-1080p", List.of(files));
  }

  private static void assertFailure(ThrowingCallable call, String type) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void movieIsHardlinkedUnderTheDefaultNames() throws IOException {
    MediaFile main = download("Alien.1979.1080p/Alien.1979.1080p.BluRay.mkv", "the feature");
    MediaFile other = download("Alien.1979.1080p/alt.mkv", "short");

    ImportResult result =
        new LibraryImporter(settings).importFiles(movie("Alien", 1979, other, main));

    Path folder = movies.resolve("Alien (1979)");
    Path target = folder.resolve("Alien (1979) Bluray-1080p.mkv");
    assertThat(result.libraryPath()).isEqualTo(folder.toString());
    assertThat(result.files())
        .containsExactly(new ImportedFile(main.path(), target.toString(), "hardlink"));
    assertThat(Files.isSameFile(target, Path.of(main.path()))).isTrue();
    assertThat(Files.getAttribute(target, "unix:ino"))
        .isEqualTo(Files.getAttribute(Path.of(main.path()), "unix:ino"));
  }

  @Test
  void fallsBackToCopyWhenTheFilesystemRefusesHardlinks() throws IOException {
    MediaFile main = download("Heat.1995/Heat.1995.mp4", "heat feature");

    ImportResult result =
        new LibraryImporter(settings, CROSS_DEVICE).importFiles(movie("Heat", 1995, main));

    Path target = movies.resolve("Heat (1995)/Heat (1995) Bluray-1080p.mp4");
    assertThat(result.files()).extracting(ImportedFile::method).containsExactly("copy");
    assertThat(target).hasContent("heat feature");
    assertThat(Files.isSameFile(target, Path.of(main.path()))).isFalse();
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).containsExactly(target);
    }
  }

  @Test
  void filesystemWithoutHardlinkSupportAlsoCopies() throws IOException {
    MediaFile main = download("Up.mkv", "up");
    LibraryImporter.Linker unsupported =
        (link, existing) -> {
          throw new UnsupportedOperationException("no hardlinks here");
        };

    ImportResult result =
        new LibraryImporter(settings, unsupported).importFiles(movie("Up", 2009, main));

    assertThat(result.files()).extracting(ImportedFile::method).containsExactly("copy");
  }

  @Test
  void reimportAfterAHardlinkReportsExisting() throws IOException {
    MediaFile main = download("Jaws.mkv", "jaws");
    LibraryImporter importer = new LibraryImporter(settings);
    ImportResult first = importer.importFiles(movie("Jaws", 1975, main));

    ImportResult again = importer.importFiles(movie("Jaws", 1975, main));

    assertThat(again.libraryPath()).isEqualTo(first.libraryPath());
    assertThat(again.files()).extracting(ImportedFile::method).containsExactly("existing");
    assertThat(again.files().get(0).target()).isEqualTo(first.files().get(0).target());
  }

  @Test
  void reimportAfterACopyComparesContentAndReportsExisting() throws IOException {
    MediaFile main = download("Jaws.mkv", "jaws");
    LibraryImporter importer = new LibraryImporter(settings, CROSS_DEVICE);
    importer.importFiles(movie("Jaws", 1975, main));

    ImportResult again = importer.importFiles(movie("Jaws", 1975, main));

    assertThat(again.files()).extracting(ImportedFile::method).containsExactly("existing");
  }

  @Test
  void aConcurrentAttemptThatLinkedFirstIsExisting() throws IOException {
    MediaFile main = download("Jaws.mkv", "jaws");
    LibraryImporter.Linker raced =
        (link, existing) -> {
          Files.createLink(link, existing);
          throw new FileAlreadyExistsException(link.toString());
        };

    ImportResult result =
        new LibraryImporter(settings, raced).importFiles(movie("Jaws", 1975, main));

    assertThat(result.files()).extracting(ImportedFile::method).containsExactly("existing");
  }

  /** A file of two and a half chunks: a copy or compare of it takes three steps. */
  private MediaFile largeDownload(String name) throws IOException {
    Path file = downloads.resolve(name);
    Files.createDirectories(file.getParent());
    byte[] chunk = new byte[LibraryImporter.CHUNK];
    new Random(7).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(chunk);
      out.write(chunk);
      out.write(chunk, 0, LibraryImporter.CHUNK / 2);
    }
    return new MediaFile(file.toString(), Files.size(file), 60, "h264", 1920, 1080);
  }

  @Test
  void aCopyHeartbeatsAfterEveryChunkWithTheBytesCopied() throws IOException {
    MediaFile big = largeDownload("Big.2020/Big.2020.mkv");
    List<Object> beats = new ArrayList<>();

    ImportResult result =
        new LibraryImporter(settings, CROSS_DEVICE)
            .importFiles(movie("Big", 2020, big), beats::add);

    long chunk = LibraryImporter.CHUNK;
    assertThat(beats).containsExactly(0L, chunk, 2 * chunk, 2 * chunk + chunk / 2);
    Path target = Path.of(result.files().get(0).target());
    assertThat(Files.mismatch(Path.of(big.path()), target)).isEqualTo(-1L);
  }

  @Test
  void comparingWithAnEarlierCopyHeartbeatsAfterEveryChunk() throws IOException {
    MediaFile big = largeDownload("Big.2020/Big.2020.mkv");
    LibraryImporter importer = new LibraryImporter(settings, CROSS_DEVICE);
    importer.importFiles(movie("Big", 2020, big));
    List<Object> beats = new ArrayList<>();

    ImportResult again = importer.importFiles(movie("Big", 2020, big), beats::add);

    assertThat(again.files()).extracting(ImportedFile::method).containsExactly("existing");
    long chunk = LibraryImporter.CHUNK;
    assertThat(beats).containsExactly(0L, chunk, 2 * chunk, 2 * chunk + chunk / 2);
  }

  @Test
  void sameSizeButADifferentLastChunkIsAConflict() throws IOException {
    MediaFile big = largeDownload("Big.2020/Big.2020.mkv");
    LibraryImporter importer = new LibraryImporter(settings, CROSS_DEVICE);
    Path target = Path.of(importer.importFiles(movie("Big", 2020, big)).files().get(0).target());
    byte[] content = Files.readAllBytes(target);
    content[content.length - 1] ^= 1;
    Files.write(target, content);

    assertFailure(() -> importer.importFiles(movie("Big", 2020, big)), ErrorTypes.IMPORT_CONFLICT);
  }

  @Test
  void aCancelledCopyLeavesNoPartialFileAndNothingPlaced() throws IOException {
    MediaFile big = largeDownload("Big.2020/Big.2020.mkv");
    ActivityCanceledException cancelled = new ActivityCanceledException();
    Heartbeat cancelAfterFirstChunk =
        details -> {
          if ((Long) details > 0) {
            throw cancelled;
          }
        };

    assertThatThrownBy(
            () ->
                new LibraryImporter(settings, CROSS_DEVICE)
                    .importFiles(movie("Big", 2020, big), cancelAfterFirstChunk))
        .isSameAs(cancelled);
    try (Stream<Path> left = Files.list(movies.resolve("Big (2020)"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aSourceThatShrinksWhileCopyingFailsRetryably() throws IOException {
    MediaFile big = largeDownload("Big.2020/Big.2020.mkv");
    Heartbeat truncateAfterFirstChunk =
        details -> {
          if ((Long) details > 0) {
            try (FileChannel source =
                FileChannel.open(Path.of(big.path()), StandardOpenOption.WRITE)) {
              source.truncate(1);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };

    assertThatThrownBy(
            () ->
                new LibraryImporter(settings, CROSS_DEVICE)
                    .importFiles(movie("Big", 2020, big), truncateAfterFirstChunk))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("shrank");
    try (Stream<Path> left = Files.list(movies.resolve("Big (2020)"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void differentFileAtTheTargetIsAnImportConflictAndStaysUntouched() throws IOException {
    MediaFile main = download("Jaws.mkv", "jaws");
    Path target =
        Files.createDirectories(movies.resolve("Jaws (1975)"))
            .resolve("Jaws (1975) Bluray-1080p.mkv");
    Files.writeString(target, "somebody else's file");

    assertFailure(
        () -> new LibraryImporter(settings).importFiles(movie("Jaws", 1975, main)),
        ErrorTypes.IMPORT_CONFLICT);
    assertThat(target).hasContent("somebody else's file");
  }

  @Test
  void sameSizeButDifferentContentIsStillAConflict() throws IOException {
    MediaFile main = download("Jaws.mkv", "jaws");
    Path target =
        Files.createDirectories(movies.resolve("Jaws (1975)"))
            .resolve("Jaws (1975) Bluray-1080p.mkv");
    Files.writeString(target, "JAWS");

    assertFailure(
        () -> new LibraryImporter(settings, CROSS_DEVICE).importFiles(movie("Jaws", 1975, main)),
        ErrorTypes.IMPORT_CONFLICT);
    assertThat(target).hasContent("JAWS");
  }

  @Test
  void pathTraversalInATitleStaysInsideTheLibrary() throws IOException {
    MediaFile main = download("x.mkv", "x");

    ImportResult result = new LibraryImporter(settings).importFiles(movie("../../etc", null, main));

    Path target = Path.of(result.files().get(0).target());
    assertThat(target.normalize()).startsWith(movies);
    assertThat(movies.relativize(target)).isEqualTo(Path.of("+..+etc", "+..+etc Bluray-1080p.mkv"));
    assertThat(temp.resolve("etc")).doesNotExist();
  }

  @Test
  void symlinkedSourceIsNeitherLinkedNorCopied() throws IOException {
    Path secret = Files.writeString(temp.resolve("secret.key"), "not yours");
    Path link = Files.createSymbolicLink(downloads.resolve("Movie.mkv"), secret);
    MediaFile viaLink = new MediaFile(link.toString(), 9, 60, "h264", 1, 1);

    for (LibraryImporter importer :
        List.of(new LibraryImporter(settings), new LibraryImporter(settings, CROSS_DEVICE))) {
      assertFailure(
          () -> importer.importFiles(movie("Movie", 2000, viaLink)), ErrorTypes.UNSAFE_PATH);
    }
    try (var library = Files.walk(movies)) {
      assertThat(library.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void seasonPackIsNamedPerEpisodeInTheSeasonFolder() throws IOException {
    MediaFile e1 = download("Pack/The.Show.S01E01.1080p.WEB.mkv", "episode one");
    MediaFile e23 = download("Pack/The.Show.S01E02E03.1080p.WEB.mkv", "episodes two and three");
    MediaFile special = download("Pack/The.Show.Recap.mp4", "recap");
    MediaFile otherSeason = download("Pack/The.Show.S02E01.1080p.WEB.mkv", "season two");

    ImportResult result =
        new LibraryImporter(settings).importFiles(season(1, e1, e23, special, otherSeason));

    Path folder = tv.resolve("The Show/Season 1");
    assertThat(result.libraryPath()).isEqualTo(folder.toString());
    assertThat(result.files())
        .extracting(ImportedFile::source, ImportedFile::target)
        .containsExactly(
            tuple(e23.path(), folder.resolve("The Show - S01E02-E03.mkv").toString()),
            tuple(e1.path(), folder.resolve("The Show - S01E01.mkv").toString()),
            tuple(special.path(), folder.resolve("The.Show.Recap.mp4").toString()));
    assertThat(tv.resolve("The Show/Season 2")).doesNotExist();
  }

  @Test
  void twoCopiesOfOneEpisodeImportTheLargerOnce() throws IOException {
    MediaFile small = download("a/Show.S01E01.720p.mkv", "small");
    MediaFile large = download("b/Show.S01E01.1080p.mkv", "the larger one");

    ImportResult result = new LibraryImporter(settings).importFiles(season(1, small, large));

    assertThat(result.files()).extracting(ImportedFile::source).containsExactly(large.path());
  }

  @Test
  void packWithoutAnyFileOfTheRequestedSeasonIsNoVideoFile() throws IOException {
    MediaFile wrong = download("Show.S03E01.mkv", "s3");

    assertFailure(
        () -> new LibraryImporter(settings).importFiles(season(1, wrong)),
        ErrorTypes.NO_VIDEO_FILE);
  }

  @Test
  void customTemplatesArePaddedAndKeepTheExtension() throws IOException {
    LibrarySettings custom =
        new LibrarySettings(
            movies,
            tv,
            "{Movie Title} [{Release Year}]",
            "{Movie Title}",
            "{Series Title} ({Release Year})/S{season:00}",
            "{Series Title} {season}x{episode:00}");
    MediaFile e5 = download("Show.S04E05.M4V", "five");

    ImportResult result = new LibraryImporter(custom).importFiles(season(4, e5));

    assertThat(result.files().get(0).target())
        .isEqualTo(tv.resolve("The Show (2019)/S04/The Show 4x05.M4V").toString());
  }

  @Test
  void missingLibraryRootIsAConfigurationErrorAndIsNotCreated() throws IOException {
    Path unmounted = temp.resolve("nas/movies");
    LibraryImporter importer = new LibraryImporter(LibrarySettings.defaults(unmounted, tv));
    MediaFile main = download("x.mkv", "x");

    assertFailure(() -> importer.importFiles(movie("X", 2000, main)), ErrorTypes.CONFIGURATION);
    assertThat(unmounted).doesNotExist();
  }

  @Test
  void incompleteRequestsAreBadRequests() throws IOException {
    LibraryImporter importer = new LibraryImporter(settings);
    MediaFile file = download("x.mkv", "x");

    assertFailure(() -> importer.importFiles(null), ErrorTypes.BAD_REQUEST);
    assertFailure(
        () ->
            importer.importFiles(new ImportRequest("w", null, "X", 2000, null, "q", List.of(file))),
        ErrorTypes.BAD_REQUEST);
    assertFailure(() -> importer.importFiles(movie(" ", 2000, file)), ErrorTypes.BAD_REQUEST);
    assertFailure(
        () ->
            importer.importFiles(
                new ImportRequest("w", MediaType.TV, "X", 2000, null, "q", List.of(file))),
        ErrorTypes.BAD_REQUEST);
    assertFailure(() -> importer.importFiles(movie("X", 2000)), ErrorTypes.BAD_REQUEST);
    assertFailure(
        () -> importer.importFiles(movie("X", 2000, new MediaFile(" ", 1, 1, "h264", 1, 1))),
        ErrorTypes.BAD_REQUEST);
  }

  @Test
  void settingsRefuseMissingRootsAndTokensOutOfPlace() {
    assertThatThrownBy(() -> LibrarySettings.defaults(null, tv))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LibrarySettings(
                    movies,
                    tv,
                    "{Movie Title}",
                    "{Movie Title}",
                    "{Series Title}/E{episode}",
                    "{Series Title}"))
        .hasMessageContaining("tv folder template uses unknown token {episode}");
    assertThatThrownBy(
            () ->
                new LibrarySettings(
                    movies,
                    tv,
                    "{Movie Title}",
                    "{Series Title}",
                    "{Series Title}",
                    "{Series Title}"))
        .hasMessageContaining("movie file template");
    assertThatThrownBy(() -> new LibraryImporter(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
