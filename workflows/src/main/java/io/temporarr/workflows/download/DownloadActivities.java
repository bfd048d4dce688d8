package io.temporarr.workflows.download;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Port: a download client (qBittorrent here; other clients behind the same port later). */
@ActivityInterface
public interface DownloadActivities {

  /**
   * Adds the release, tagged with the workflow ID, and returns its handle.
   *
   * <p>Idempotent: the infohash is computed before adding (from the magnet or the .torrent), and a
   * download already present with that hash is returned as is instead of being added twice.
   *
   * <p>Failures: {@code InvalidRelease} (no usable link or hash) and {@code DownloadRejected} (the
   * client refused it), both non-retryable; HTTP failures as mapped by HttpFailures.
   */
  @ActivityMethod
  DownloadHandle addDownload(AddDownloadRequest request);

  /**
   * Reads one download's current state; {@link DownloadState#MISSING} if the client does not know
   * it. Idempotent: read-only.
   */
  @ActivityMethod
  DownloadStatus downloadStatus(DownloadHandle handle);

  /**
   * Removes the download, and its files when asked. Idempotent: removing an unknown download
   * succeeds.
   */
  @ActivityMethod
  void removeDownload(DownloadHandle handle, boolean deleteFiles);

  /**
   * Incremental poll of one client for the shared monitor: one call (qBittorrent {@code
   * sync/maindata?rid=}) whatever the number of active downloads. Passing a cursor the activity
   * cannot continue from (e.g. after a worker restart) yields a full update. Idempotent: read-only.
   */
  @ActivityMethod
  DownloadChanges pollDownloads(String client, long cursor);
}
