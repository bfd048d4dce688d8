package io.temporarr.activities.processing;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Picks the main video file(s) of a download: no samples, no extras, nothing hidden. */
final class VideoCandidates {

  static final Set<String> VIDEO_EXTENSIONS =
      Set.of("mkv", "mp4", "m4v", "avi", "mov", "ts", "m2ts", "webm", "wmv");

  /** Folder names Plex, Jellyfin and release groups use for bonus material. */
  private static final Set<String> EXTRAS_FOLDERS =
      Set.of(
          "extras",
          "extra",
          "featurettes",
          "featurette",
          "behind the scenes",
          "deleted scenes",
          "interviews",
          "scenes",
          "shorts",
          "trailers",
          "trailer",
          "other",
          "bonus",
          "sample",
          "samples");

  private static final Pattern SAMPLE_WORD =
      Pattern.compile("(?<![a-z0-9])sample(?![a-z0-9])", Pattern.CASE_INSENSITIVE);

  /** A main video file and its size. */
  record Candidate(Path path, long sizeBytes) {}

  private VideoCandidates() {}

  /**
   * @param contentPath a file or a folder (searched recursively)
   * @return the main video files, largest first
   * @throws ApplicationFailure {@code NoVideoFile} when there is none, {@code ConfigurationError}
   *     when the path does not exist on this worker (usually a missing path mapping)
   */
  static List<Candidate> find(Path contentPath, double sampleSizeRatio) throws IOException {
    if (!Files.exists(contentPath)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "content path "
              + contentPath
              + " does not exist on this worker; check the download client path mapping",
          ErrorTypes.CONFIGURATION);
    }
    List<Candidate> videos = new ArrayList<>();
    Path root = contentPath.toRealPath();
    Files.walkFileTree(
        contentPath,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(contentPath)) {
              return FileVisitResult.CONTINUE;
            }
            String name = dir.getFileName().toString();
            return name.startsWith(".") || EXTRAS_FOLDERS.contains(name.toLowerCase(Locale.ROOT))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            // Links are not followed: one leading outside the download is refused (it would import
            // whatever it names), one inside it only repeats a file the walk finds anyway.
            if (attrs.isSymbolicLink() && isMainVideoName(file.getFileName().toString())) {
              if (!Files.isDirectory(contentPath) || !file.toRealPath().startsWith(root)) {
                throw PathMapping.unsafe(
                    "symbolic link "
                        + contentPath.relativize(file)
                        + " leads outside the download");
              }
              return FileVisitResult.CONTINUE;
            }
            if (isMainVideoName(file.getFileName().toString()) && attrs.isRegularFile()) {
              videos.add(new Candidate(file, Files.size(file)));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    long largest = videos.stream().mapToLong(Candidate::sizeBytes).max().orElse(0);
    List<Candidate> main =
        videos.stream()
            .filter(c -> c.sizeBytes() > 0 && c.sizeBytes() >= largest * sampleSizeRatio)
            .sorted(
                Comparator.comparingLong(Candidate::sizeBytes)
                    .reversed()
                    .thenComparing(Candidate::path))
            .toList();
    if (main.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no video file in " + contentPath, ErrorTypes.NO_VIDEO_FILE);
    }
    return main;
  }

  private static boolean isMainVideoName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    // Hidden files include macOS "._name.mkv" resource forks, which carry the video extension.
    return dot > 0
        && !fileName.startsWith(".")
        && VIDEO_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT))
        && !SAMPLE_WORD.matcher(fileName.substring(0, dot)).find();
  }
}
