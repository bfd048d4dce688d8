package io.temporarr.activities.sabnzbd;

import io.temporarr.workflows.download.DownloadState;

/** SABnzbd's job statuses ({@code sabnzbd.constants.Status}) as {@link DownloadState}. */
final class SabnzbdStates {

  private SabnzbdStates() {}

  static DownloadState toDownloadState(SabnzbdJob job) {
    String status = job.status();
    if (job.inHistory()) {
      return switch (status) {
        case "Completed" -> DownloadState.COMPLETED;
        case "Failed" -> DownloadState.FAILED;
        // Queued for, or in, post-processing (QuickCheck, Verifying, Repairing, Fetching extra
        // blocks, Extracting, Moving, Running a script): every byte is here, the files are not yet.
        default -> DownloadState.DOWNLOADING;
      };
    }
    return switch (status) {
      case "Downloading", "Fetching" -> DownloadState.DOWNLOADING;
      case "Paused" -> DownloadState.PAUSED;
      // Waiting for a slot, grabbing the NZB, pre-checking, or held back for propagation.
      default -> DownloadState.QUEUED;
    };
  }
}
