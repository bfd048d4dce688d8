package io.temporarr.activities.qbittorrent;

import io.temporarr.workflows.download.DownloadState;

/**
 * qBittorrent state names (4.x {@code paused*} and 5.x {@code stopped*} alike) → {@link
 * DownloadState}.
 */
public final class QbittorrentStates {

  private QbittorrentStates() {}

  /**
   * Maps one torrent. All wanted bytes present (progress 1.0, nothing left) counts as {@link
   * DownloadState#COMPLETED} whatever the state name says ({@code checkingDL}, {@code moving},
   * {@code queuedDL} after a recheck …), except {@code error} and {@code missingFiles}: there the
   * bytes the progress counts are no longer readable. Fetching a magnet's metadata ({@code metaDL})
   * is {@link DownloadState#DOWNLOADING}: the client is looking for peers, so frozen progress there
   * is a stall; waiting for a queue slot ({@code queuedDL}) or the disk is {@link
   * DownloadState#QUEUED}, never a stall. Unknown names are {@link DownloadState#QUEUED}: a state
   * added by a future version must not fail or finish a download.
   */
  public static DownloadState toDownloadState(String state, double progress, long amountLeft) {
    String name = state == null ? "unknown" : state;
    if (name.equals("error") || name.equals("missingFiles")) {
      return DownloadState.FAILED;
    }
    if (progress >= 1.0 && amountLeft == 0) {
      return DownloadState.COMPLETED;
    }
    return switch (name) {
      case "downloading", "forcedDL", "metaDL", "forcedMetaDL" -> DownloadState.DOWNLOADING;
      case "stalledDL" -> DownloadState.STALLED;
      case "pausedDL", "stoppedDL" -> DownloadState.PAUSED;
      case "uploading",
          "stalledUP",
          "queuedUP",
          "forcedUP",
          "checkingUP",
          "pausedUP",
          "stoppedUP" ->
          DownloadState.COMPLETED;
      // queuedDL, checkingDL, checkingResumeData, allocating, moving, unknown: waiting for a slot,
      // the disk or a recheck.
      default -> DownloadState.QUEUED;
    };
  }
}
