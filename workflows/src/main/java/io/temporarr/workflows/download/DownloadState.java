package io.temporarr.workflows.download;

/** A download client's state, normalised over client-specific names (qBittorrent 4.x/5.x, …). */
public enum DownloadState {
  /**
   * Waiting in the client's queue for a slot, or for the disk (a recheck, allocating, moving): not
   * judged as stalled, bounded by {@code queuedTimeout} instead.
   */
  QUEUED,
  /**
   * Actively downloading or fetching a magnet's metadata; also SABnzbd's post-processing (every
   * byte present, progress 1.0), which counts as progress. Stalls are judged by frozen progress.
   */
  DOWNLOADING,
  /** The client itself reports no peers / no progress (a hint; stalls are judged by progress). */
  STALLED,
  /**
   * Stopped by a user or by the client (qBittorrent pausedDL / stoppedDL, Transmission stopped,
   * SABnzbd Paused): not judged as stalled, bounded by {@code queuedTimeout} instead.
   */
  PAUSED,
  /** All wanted bytes are present (seeding, or stopped after completion). */
  COMPLETED,
  /** The client reports an error or missing files. */
  FAILED,
  /** The client does not know the download (removed outside Temporarr). */
  MISSING
}
