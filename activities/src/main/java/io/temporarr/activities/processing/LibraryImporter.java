package io.temporarr.activities.processing;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.activities.processing.LibraryNames.EpisodeRef;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Places verified files in the library under the naming templates of {@link LibrarySettings}.
 *
 * <p>A movie imports its largest file into the movie folder; a TV import puts every file of the
 * requested season into the season folder, named from its {@code SxxEyy} (files without an episode
 * number keep their cleaned original name, files of another season are left out). Each file is
 * hardlinked so the download keeps seeding without using space twice; where the filesystem refuses
 * (another device, no hardlink support, protected hardlinks) it is copied to a temporary name in
 * the target folder and moved into place atomically, so a crash never leaves a half file under the
 * final name.
 *
 * <p>An existing target with the same size and content (the same inode, or byte-for-byte equal)
 * counts as {@code existing}; anything else at the target is never overwritten.
 *
 * <p>Copying and comparing go in chunks, with a {@link Heartbeat} after each (the bytes done so far
 * as details): either can take minutes for a large file.
 */
public final class LibraryImporter {

  static final String HARDLINK = "hardlink";
  static final String COPY = "copy";
  static final String EXISTING = "existing";

  /** Bytes per copy or compare step, i.e. per heartbeat: a fraction of a second on any disk. */
  static final int CHUNK = 8 * 1024 * 1024;

  /** Creates a hardlink; a seam so tests can stand in for filesystems without hardlinks. */
  @FunctionalInterface
  interface Linker {
    void link(Path link, Path existing) throws IOException;
  }

  private final LibrarySettings settings;
  private final Linker linker;

  public LibraryImporter(LibrarySettings settings) {
    this(settings, Files::createLink);
  }

  LibraryImporter(LibrarySettings settings, Linker linker) {
    if (settings == null) {
      throw new IllegalArgumentException("library settings are required");
    }
    this.settings = settings;
    this.linker = linker;
  }

  /**
   * @throws ApplicationFailure {@code BadRequest} for a request without type, title, season (TV) or
   *     files; {@code ConfigurationError} when the library root is missing; {@code NoVideoFile}
   *     when no file belongs to the requested season; {@code ImportConflict} when a different file
   *     is at a target (all non-retryable)
   * @throws IOException when reading or writing fails (worth a retry)
   */
  public ImportResult importFiles(ImportRequest request) throws IOException {
    return importFiles(request, Heartbeat.NONE);
  }

  /**
   * {@link #importFiles(ImportRequest)}, beating {@code heartbeat} while it copies or compares.
   *
   * @throws io.temporal.client.ActivityCompletionException from {@code heartbeat}: the partial copy
   *     is removed and nothing is placed
   */
  public ImportResult importFiles(ImportRequest request, Heartbeat heartbeat) throws IOException {
    requireValid(request);
    boolean movie = request.mediaType() == MediaType.MOVIE;
    Path root = (movie ? settings.moviesRoot() : settings.tvRoot()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      // Never create the root: a missing one is usually an unmounted share.
      throw ApplicationFailure.newNonRetryableFailure(
          (movie ? "movies" : "tv") + " library root " + root + " is not a directory",
          ErrorTypes.CONFIGURATION);
    }
    Map<String, String> text = new HashMap<>();
    text.put(movie ? LibraryNames.MOVIE_TITLE : LibraryNames.SERIES_TITLE, request.title());
    text.put(LibraryNames.RELEASE_YEAR, request.year() == null ? "" : request.year().toString());
    text.put(LibraryNames.QUALITY_FULL, request.quality());
    Map<String, List<Integer>> numbers = new HashMap<>();
    if (!movie) {
      numbers.put(LibraryNames.SEASON, List.of(request.season()));
    }
    String folderTemplate = movie ? settings.movieFolderTemplate() : settings.tvFolderTemplate();
    Path folder =
        root.resolve(LibraryNames.folder(LibraryNames.render(folderTemplate, text, numbers)));

    Map<Path, Path> targets =
        movie ? movieTarget(request, folder, text) : seasonTargets(request, folder, text, numbers);
    for (Path target : targets.keySet()) {
      // Defence in depth: names are sanitised, so this never fires unless sanitising regresses.
      if (!target.normalize().startsWith(root)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "rendered target " + target + " is outside " + root, ErrorTypes.CONFIGURATION);
      }
    }
    Files.createDirectories(folder);
    List<ImportedFile> imported = new ArrayList<>();
    Progress progress = new Progress(heartbeat);
    for (Map.Entry<Path, Path> entry : targets.entrySet()) {
      progress.add(0);
      imported.add(place(entry.getValue(), entry.getKey(), progress));
    }
    return new ImportResult(folder.toString(), imported);
  }

  private Map<Path, Path> movieTarget(
      ImportRequest request, Path folder, Map<String, String> text) {
    // One film, one file: the largest is the feature; the rest would collide on the same name.
    MediaFile main =
        request.files().stream().max(Comparator.comparingLong(MediaFile::sizeBytes)).orElseThrow();
    Path source = Path.of(main.path());
    String base = LibraryNames.render(settings.movieFileTemplate(), text, Map.of());
    return Map.of(
        folder.resolve(
            LibraryNames.fileName(base, LibraryNames.extension(source.getFileName().toString()))),
        source);
  }

  private Map<Path, Path> seasonTargets(
      ImportRequest request,
      Path folder,
      Map<String, String> text,
      Map<String, List<Integer>> numbers) {
    Map<Path, Path> targets = new LinkedHashMap<>();
    List<MediaFile> largestFirst =
        request.files().stream()
            .sorted(Comparator.comparingLong(MediaFile::sizeBytes).reversed())
            .toList();
    for (MediaFile file : largestFirst) {
      Path source = Path.of(file.path());
      String name = source.getFileName().toString();
      String extension = LibraryNames.extension(name);
      Optional<EpisodeRef> episode = LibraryNames.episode(name);
      if (episode.isPresent() && episode.get().season() != request.season()) {
        continue;
      }
      String base =
          episode.isPresent()
              ? LibraryNames.render(
                  settings.tvFileTemplate(), text, withEpisodes(numbers, episode.get()))
              : LibraryNames.baseName(name);
      // Two copies of one episode (e.g. two qualities in a pack): the larger one wins.
      targets.putIfAbsent(folder.resolve(LibraryNames.fileName(base, extension)), source);
    }
    if (targets.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no file of season " + request.season() + " among " + request.files().size() + " file(s)",
          ErrorTypes.NO_VIDEO_FILE);
    }
    return targets;
  }

  private static Map<String, List<Integer>> withEpisodes(
      Map<String, List<Integer>> numbers, EpisodeRef episode) {
    Map<String, List<Integer>> all = new HashMap<>(numbers);
    all.put(LibraryNames.EPISODE, episode.episodes());
    return all;
  }

  private ImportedFile place(Path sourcePath, Path target, Progress progress) throws IOException {
    // Symbolic links are not followed: a link in the download could name any file the worker can
    // read, which would then be hardlinked or copied into the library (verification refuses links
    // leading outside the download; this guards the import on its own).
    if (Files.isSymbolicLink(sourcePath)) {
      throw PathMapping.unsafe("source " + sourcePath.getFileName() + " is a symbolic link");
    }
    Path source = sourcePath.toRealPath();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return existingOrConflict(source, target, progress);
    }
    try {
      linker.link(target, source);
      return new ImportedFile(source.toString(), target.toString(), HARDLINK);
    } catch (FileAlreadyExistsException e) {
      return existingOrConflict(source, target, progress);
    } catch (UnsupportedOperationException | FileSystemException e) {
      // EXDEV (another filesystem), EPERM (protected_hardlinks, FAT, some shares): copy instead.
      return copy(source, target, progress);
    }
  }

  private static ImportedFile copy(Path source, Path target, Progress progress) throws IOException {
    // A fresh name per attempt: a timed-out attempt still copying can never share it.
    Path temp = target.resolveSibling(".temporarr-" + UUID.randomUUID() + ".partial");
    try {
      copyInChunks(source, temp, progress);
      // rename(2) would silently replace a file that appeared meanwhile, so look once more.
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return existingOrConflict(source, target, progress);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return new ImportedFile(source.toString(), target.toString(), COPY);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Files.copy, but in steps that heartbeat; {@code temp} must not exist yet. */
  private static void copyInChunks(Path source, Path temp, Progress progress) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = in.size();
      for (long position = 0; position < size; ) {
        long copied = in.transferTo(position, Math.min(CHUNK, size - position), out);
        if (copied <= 0) {
          throw new IOException(source + " shrank to " + position + " bytes while being copied");
        }
        position += copied;
        progress.add(copied);
      }
    }
  }

  private static ImportedFile existingOrConflict(Path source, Path target, Progress progress)
      throws IOException {
    if (Files.isRegularFile(target)
        && (Files.isSameFile(source, target)
            || (Files.size(source) == Files.size(target)
                && sameContent(source, target, progress)))) {
      return new ImportedFile(source.toString(), target.toString(), EXISTING);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "a different file already exists at " + target + "; it is not overwritten",
        ErrorTypes.IMPORT_CONFLICT);
  }

  /** Files.mismatch, but in steps that heartbeat; both files have the same size. */
  private static boolean sameContent(Path a, Path b, Progress progress) throws IOException {
    ByteBuffer left = ByteBuffer.allocate(CHUNK);
    ByteBuffer right = ByteBuffer.allocate(CHUNK);
    try (FileChannel first = FileChannel.open(a, StandardOpenOption.READ);
        FileChannel second = FileChannel.open(b, StandardOpenOption.READ)) {
      while (true) {
        left.clear();
        right.clear();
        int read = fill(first, left);
        if (fill(second, right) != read || !left.flip().equals(right.flip())) {
          return false;
        }
        if (read == 0) {
          return true;
        }
        progress.add(read);
      }
    }
  }

  /** Reads until the buffer is full or the file ends; returns the bytes read. */
  private static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // Keep reading: one read may return less than the buffer holds.
    }
    return buffer.position();
  }

  /** Bytes copied or compared in this import, beaten after every step. */
  private static final class Progress {
    private final Heartbeat heartbeat;
    private long bytes;

    Progress(Heartbeat heartbeat) {
      this.heartbeat = heartbeat;
    }

    void add(long done) {
      bytes += done;
      heartbeat.beat(bytes);
    }
  }

  private static void requireValid(ImportRequest request) {
    String problem = null;
    if (request == null || request.mediaType() == null) {
      problem = "media type is required";
    } else if (request.title() == null || request.title().isBlank()) {
      problem = "title is required";
    } else if (request.mediaType() == MediaType.TV
        && (request.season() == null || request.season() < 0)) {
      problem = "season is required for TV";
    } else if (request.files().isEmpty()
        || request.files().stream()
            .anyMatch(f -> f == null || f.path() == null || f.path().isBlank())) {
      problem = "files with paths are required";
    }
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid import request: " + problem, ErrorTypes.BAD_REQUEST);
    }
  }
}
