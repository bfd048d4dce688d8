package io.temporarr.activities.transmission;

import io.temporarr.workflows.download.DownloadState;
import java.util.List;

/**
 * Transmission's numeric {@code status} (and {@code error}, {@code isStalled}) → {@link
 * DownloadState}.
 */
public final class TransmissionStates {

  /** {@code error} value for a local error (disk full, files missing): the download is broken. */
  static final int LOCAL_ERROR = 3;

  private static final List<String> NAMES =
      List.of(
          "stopped",
          "check-wait",
          "checking",
          "download-wait",
          "downloading",
          "seed-wait",
          "seeding");

  private TransmissionStates() {}

  /** Transmission's own name of a status number, for operators; unknown numbers as is. */
  public static String name(int status) {
    return status >= 0 && status < NAMES.size() ? NAMES.get(status) : "status " + status;
  }

  /**
   * Maps one torrent. A local error is {@link DownloadState#FAILED}; tracker warnings and errors
   * (1, 2) are not: peers may still come from elsewhere, and a stall shows in the progress. All
   * wanted bytes present counts as {@link DownloadState#COMPLETED} whatever the status (seeding,
   * stopped after completion, re-checking); {@code percentDone} is 0 until a magnet's metadata
   * arrives, so a torrent without metadata is never complete. Unknown status numbers are {@link
   * DownloadState#QUEUED}: a status added by a future version must not fail or finish a download.
   */
  public static DownloadState toDownloadState(TransmissionTorrent torrent) {
    if (torrent.error() == LOCAL_ERROR) {
      return DownloadState.FAILED;
    }
    if (torrent.percentDone() >= 1.0 && torrent.leftUntilDone() == 0) {
      return DownloadState.COMPLETED;
    }
    return switch (torrent.status()) {
      case 0 -> DownloadState.PAUSED;
      case 4 -> torrent.stalled() ? DownloadState.STALLED : DownloadState.DOWNLOADING;
      case 5, 6 -> DownloadState.COMPLETED;
      // 1 check-wait, 2 checking, 3 download-wait, and anything newer.
      default -> DownloadState.QUEUED;
    };
  }
}
