package io.temporarr.activities.transmission;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.torrent.TaggedTorrent;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.List;

/**
 * One torrent as {@code torrent-get} lists it.
 *
 * @param hash lower-case hex infohash ({@code hashString})
 * @param status 0 stopped, 1 check-wait, 2 checking, 3 download-wait, 4 downloading, 5 seed-wait, 6
 *     seeding
 * @param error 0 none, 1 tracker warning, 2 tracker error, 3 local error
 * @param percentDone 0.0–1.0 of the wanted bytes (0 before a magnet's metadata arrives)
 * @param leftUntilDone wanted bytes still missing
 * @param downloadDir the folder the torrent's content sits in, as Transmission sees it
 * @param uploadRatio uploaded ÷ downloaded; Transmission sends -1 for "not available" and -2 for
 *     "infinite" (nothing downloaded, e.g. seeded from the start)
 * @param secondsSeeding time spent seeding
 */
public record TransmissionTorrent(
    String hash,
    String name,
    int status,
    int error,
    String errorString,
    double percentDone,
    long leftUntilDone,
    boolean stalled,
    String downloadDir,
    List<String> labels,
    double uploadRatio,
    long secondsSeeding)
    implements TaggedTorrent {

  /** Transmission's {@code TR_RATIO_INF}. */
  static final double RATIO_INFINITE = -2;

  public TransmissionTorrent {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** This torrent with other labels. */
  TransmissionTorrent withLabels(List<String> edited) {
    return new TransmissionTorrent(
        hash,
        name,
        status,
        error,
        errorString,
        percentDone,
        leftUntilDone,
        stalled,
        downloadDir,
        edited,
        uploadRatio,
        secondsSeeding);
  }

  /** The labels: the shared torrent rules call them tags. */
  @Override
  public List<String> tags() {
    return labels;
  }

  @Override
  public boolean reached(SeedingGoals goals) {
    return goals.met(effectiveRatio(), Duration.ofSeconds(secondsSeeding));
  }

  /** {@code message}: Transmission's error text when it has one, else its status name. */
  @Override
  public DownloadStatus status(String client, String workflowId) {
    String message =
        error != 0 && errorString != null ? errorString : TransmissionStates.name(status);
    return new DownloadStatus(
        client,
        hash,
        workflowId,
        name,
        TransmissionStates.toDownloadState(this),
        percentDone,
        leftUntilDone,
        contentPath(),
        downloadDir,
        message);
  }

  /** {@code downloadDir/name}: the file or folder holding the content. */
  public String contentPath() {
    if (downloadDir == null || name == null) {
      return null;
    }
    return downloadDir.endsWith("/") ? downloadDir + name : downloadDir + "/" + name;
  }

  /** The ratio to compare with a goal: "infinite" reaches every goal, "not available" none. */
  public double effectiveRatio() {
    if (uploadRatio == RATIO_INFINITE) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(uploadRatio, 0);
  }
}
