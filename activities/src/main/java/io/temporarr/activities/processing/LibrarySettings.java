package io.temporarr.activities.processing;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where and under which names imports land. Templates use Radarr/Sonarr tokens: {@code {Movie
 * Title}}, {@code {Series Title}}, {@code {Release Year}}, {@code {Quality Full}}, {@code
 * {season}}, {@code {episode}}; numbers take a zero padding such as {@code {season:00}}. A {@code
 * /} in a folder template separates folders; file templates name one file (the extension is kept).
 */
public record LibrarySettings(
    Path moviesRoot,
    Path tvRoot,
    String movieFolderTemplate,
    String movieFileTemplate,
    String tvFolderTemplate,
    String tvFileTemplate) {

  public static final String DEFAULT_MOVIE_FOLDER = "{Movie Title} ({Release Year})";
  public static final String DEFAULT_MOVIE_FILE = "{Movie Title} ({Release Year}) {Quality Full}";
  public static final String DEFAULT_TV_FOLDER = "{Series Title}/Season {season}";
  public static final String DEFAULT_TV_FILE = "{Series Title} - S{season:00}E{episode:00}";

  private static final Set<String> MOVIE_TOKENS =
      Set.of(LibraryNames.MOVIE_TITLE, LibraryNames.RELEASE_YEAR, LibraryNames.QUALITY_FULL);
  private static final Set<String> TV_FOLDER_TOKENS =
      Set.of(
          LibraryNames.SERIES_TITLE,
          LibraryNames.RELEASE_YEAR,
          LibraryNames.QUALITY_FULL,
          LibraryNames.SEASON);
  private static final Set<String> TV_FILE_TOKENS =
      Set.of(
          LibraryNames.SERIES_TITLE,
          LibraryNames.RELEASE_YEAR,
          LibraryNames.QUALITY_FULL,
          LibraryNames.SEASON,
          LibraryNames.EPISODE);

  /**
   * @throws IllegalArgumentException for a missing root or template, an unknown token, or a path
   *     separator in a file template
   */
  public LibrarySettings {
    if (moviesRoot == null || tvRoot == null) {
      throw new IllegalArgumentException("movies and tv library roots are required");
    }
    LibraryNames.validate("movie folder template", movieFolderTemplate, MOVIE_TOKENS, true);
    LibraryNames.validate("movie file template", movieFileTemplate, MOVIE_TOKENS, false);
    LibraryNames.validate("tv folder template", tvFolderTemplate, TV_FOLDER_TOKENS, true);
    LibraryNames.validate("tv file template", tvFileTemplate, TV_FILE_TOKENS, false);
  }

  /** The Radarr/Sonarr default naming under the given roots. */
  public static LibrarySettings defaults(Path moviesRoot, Path tvRoot) {
    return new LibrarySettings(
        moviesRoot,
        tvRoot,
        DEFAULT_MOVIE_FOLDER,
        DEFAULT_MOVIE_FILE,
        DEFAULT_TV_FOLDER,
        DEFAULT_TV_FILE);
  }
}
