package io.temporarr.workflows.download;

/** A download client's state, normalised over client-specific names (qBittorrent 4.x/5.x, …). */
public enum DownloadState {
  /** Waiting for metadata, a slot or a recheck. */
  QUEUED,
  DOWNLOADING,
  /** The client itself reports no peers / no progress (a hint; stalls are judged by progress). */
  STALLED,
  /** Stopped by a user or by the client (qBittorrent pausedDL / stoppedDL). */
  PAUSED,
  /** All wanted bytes are present (seeding, or stopped after completion). */
  COMPLETED,
  /** The client reports an error or missing files. */
  FAILED,
  /** The client does not know the download (removed outside Temporarr). */
  MISSING
}
