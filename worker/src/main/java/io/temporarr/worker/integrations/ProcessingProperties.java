package io.temporarr.worker.integrations;

import io.temporarr.activities.processing.LibrarySettings;
import io.temporarr.activities.processing.PathMapping;
import io.temporarr.activities.processing.VerificationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Verification and import on this worker's disks ({@code temporarr.processing.*}).
 *
 * @param ffprobePath the ffprobe binary; a bare name is looked up on the PATH
 * @param ffprobeTimeout longest single probe: ffprobe reads the whole file to count packets, so
 *     this must cover reading the largest file from disk (and stay below verify-download's
 *     start-to-close)
 * @param pathMappings download-client paths → this worker's paths, when the client runs elsewhere
 */
public record ProcessingProperties(
    @NotBlank @DefaultValue("ffprobe") String ffprobePath,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration ffprobeTimeout,
    @NotNull @Valid Library library,
    @NotNull @Valid @DefaultValue Naming naming,
    List<@Valid Mapping> pathMappings,
    @NotNull @Valid @DefaultValue Verification verification) {

  public ProcessingProperties {
    pathMappings = pathMappings == null ? List.of() : List.copyOf(pathMappings);
  }

  /**
   * Library roots; hardlinks need them on the same filesystem as the downloads.
   *
   * @param createMissing create missing roots at start-up: for the sandbox's temporary library;
   *     leave it off for a real library, so an unmounted disk is noticed instead of filled
   */
  public record Library(
      @NotNull Path movies, @NotNull Path tv, @DefaultValue("false") boolean createMissing) {}

  /**
   * Naming templates with Radarr/Sonarr tokens ({@code {Movie Title}}, {@code {Series Title}},
   * {@code {Release Year}}, {@code {Quality Full}}, {@code {season:00}}, {@code {episode:00}}).
   */
  public record Naming(
      @NotBlank @DefaultValue(LibrarySettings.DEFAULT_MOVIE_FOLDER) String movieFolder,
      @NotBlank @DefaultValue(LibrarySettings.DEFAULT_MOVIE_FILE) String movieFile,
      @NotBlank @DefaultValue(LibrarySettings.DEFAULT_TV_FOLDER) String tvFolder,
      @NotBlank @DefaultValue(LibrarySettings.DEFAULT_TV_FILE) String tvFile) {}

  /**
   * @param client the prefix as the download client reports paths, e.g. {@code /downloads}
   * @param local the same folder on this worker, e.g. {@code /mnt/media/downloads}
   */
  public record Mapping(@NotBlank String client, @NotBlank String local) {}

  /**
   * How strictly downloads are judged.
   *
   * @param runtimeToleranceRatio allowed runtime deviation as a share of the expected runtime
   * @param minRuntimeTolerance allowed deviation at least this large; the larger one applies
   * @param minPacketRatio share of duration × frame rate that must be present as video packets
   * @param sampleSizeRatio files below this share of the largest video are samples or extras
   */
  public record Verification(
      @DefaultValue("0.10") double runtimeToleranceRatio,
      @NotNull @DefaultValue("5m") Duration minRuntimeTolerance,
      @DefaultValue("0.90") double minPacketRatio,
      @DefaultValue("0.10") double sampleSizeRatio) {}

  LibrarySettings toLibrarySettings() {
    return new LibrarySettings(
        library.movies(),
        library.tv(),
        naming.movieFolder(),
        naming.movieFile(),
        naming.tvFolder(),
        naming.tvFile());
  }

  VerificationSettings toVerificationSettings() {
    return new VerificationSettings(
        verification.runtimeToleranceRatio(),
        verification.minRuntimeTolerance(),
        verification.minPacketRatio(),
        verification.sampleSizeRatio());
  }

  List<PathMapping> toPathMappings() {
    return pathMappings.stream().map(m -> new PathMapping(m.client(), m.local())).toList();
  }
}
