package io.temporarr.activities.processing;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.activities.heartbeat.Heartbeats;
import io.temporarr.activities.processing.VideoCandidates.Candidate;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies finished downloads on this worker's disks with a {@link MediaProber} and imports them
 * with a {@link LibraryImporter}.
 *
 * <p>Idempotency: verification only reads, so a retry repeats the same judgement. Import never
 * overwrites: a target already holding the same content is reported as {@code existing}, so a retry
 * after a crash (or after a completed attempt whose result was lost) converges on the same library
 * state; copies are written under a temporary name and moved into place atomically, so a crash
 * mid-copy leaves at most a hidden {@code .temporarr-*.partial} file, never a truncated file under
 * the final name.
 *
 * <p>Heartbeats: both activities heartbeat while they work (every few seconds while ffprobe runs;
 * from the copy and compare loops of an import, with the bytes done as details), so a worker killed
 * mid-attempt is noticed after the heartbeat timeout, not after the long start-to-close that a
 * large file needs. A later attempt starts over: verification reads again, and an import finds what
 * the earlier one already placed.
 *
 * <p>Failures: {@code CorruptMedia}, {@code NoVideoFile}, {@code ImportConflict}, {@code
 * BadRequest} and {@code ConfigurationError} are non-retryable; I/O errors and a probe timeout are
 * retryable.
 */
public final class LocalProcessingActivities implements ProcessingActivities {

  private final MediaProber prober;
  private final VerificationSettings settings;
  private final MediaVerifier verifier;
  private final LibraryImporter importer;
  private final List<PathMapping> pathMappings;
  private final Supplier<Heartbeat> heartbeats;
  private final Duration heartbeatPeriod;

  public LocalProcessingActivities(
      MediaProber prober, VerificationSettings settings, LibraryImporter importer) {
    this(prober, settings, importer, List.of());
  }

  /**
   * @param pathMappings how download-client paths translate to this worker's paths (clients often
   *     run in another container or on another host)
   */
  public LocalProcessingActivities(
      MediaProber prober,
      VerificationSettings settings,
      LibraryImporter importer,
      List<PathMapping> pathMappings) {
    this(prober, settings, importer, pathMappings, Heartbeat::ofCurrentActivity, Heartbeats.PERIOD);
  }

  /** Tests beat faster than production, to see several beats in a short probe. */
  LocalProcessingActivities(
      MediaProber prober,
      VerificationSettings settings,
      LibraryImporter importer,
      List<PathMapping> pathMappings,
      Supplier<Heartbeat> heartbeats,
      Duration heartbeatPeriod) {
    if (prober == null || settings == null || importer == null || pathMappings == null) {
      throw new IllegalArgumentException(
          "prober, settings, importer and path mappings are required");
    }
    this.prober = prober;
    this.settings = settings;
    this.verifier = new MediaVerifier(settings);
    this.importer = importer;
    this.pathMappings = List.copyOf(pathMappings);
    this.heartbeats = heartbeats;
    this.heartbeatPeriod = heartbeatPeriod;
  }

  @Override
  public VerifiedMedia verifyDownload(VerifyRequest request) {
    if (request == null || request.contentPath() == null || request.contentPath().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid verify request: content path is required", ErrorTypes.BAD_REQUEST);
    }
    Heartbeat heartbeat = heartbeats.get();
    try {
      Path content = PathMapping.toLocalConfined(request.contentPath(), pathMappings);
      List<MediaFile> verified = new ArrayList<>();
      for (Candidate candidate : VideoCandidates.find(content, settings.sampleSizeRatio())) {
        verified.add(verify(content, candidate, request.expectedRuntimeMinutes(), heartbeat));
      }
      return new VerifiedMedia(verified);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  private MediaFile verify(
      Path content, Candidate candidate, Integer expectedRuntimeMinutes, Heartbeat heartbeat) {
    Path file = candidate.path();
    // ffprobe -count_packets reads the whole file: minutes for tens of GB.
    ProbeResult probe =
        Heartbeats.whileRunning(heartbeat, heartbeatPeriod, () -> prober.probe(file));
    Optional<String> rejection =
        verifier.rejectionReason(probe, runtimeOf(file, expectedRuntimeMinutes));
    if (rejection.isPresent()) {
      String name =
          file.equals(content)
              ? file.getFileName().toString()
              : content.relativize(file).toString();
      throw ApplicationFailure.newNonRetryableFailure(
          name + ": " + rejection.get(), ErrorTypes.CORRUPT_MEDIA);
    }
    return new MediaFile(
        file.toString(),
        candidate.sizeBytes(),
        probe.durationSeconds(),
        probe.videoCodec(),
        probe.width(),
        probe.height());
  }

  /** A double episode ("S01E01E02") legitimately runs twice the episode runtime. */
  private static Integer runtimeOf(Path file, Integer expectedRuntimeMinutes) {
    if (expectedRuntimeMinutes == null) {
      return null;
    }
    int episodes =
        LibraryNames.episode(file.getFileName().toString())
            .map(LibraryNames.EpisodeRef::episodeCount)
            .orElse(1);
    return expectedRuntimeMinutes * episodes;
  }

  @Override
  public ImportResult importMedia(ImportRequest request) {
    // The files come from verifyDownload, so their paths are already this worker's paths.
    try {
      return importer.importFiles(request, heartbeats.get());
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }
}
