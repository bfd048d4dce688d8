package io.temporarr.workflows.download;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Port: the download clients (qBittorrent, Transmission, SABnzbd). Every method names the client it
 * talks to through {@code client} / {@link DownloadHandle#client()}; the worker routes each call to
 * the configured client of that name.
 */
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

  /**
   * The request has imported this download. Clients with seeding goals (ratio, seeding time) keep
   * it seeding and mark it as imported, so {@link #removeSeeded} removes it once a goal is met;
   * clients configured to remove imported downloads remove it now (the library holds its own
   * hardlink or copy); otherwise the download is left as it is.
   *
   * <p>Idempotent: marking twice is marking once; removing an unknown download succeeds.
   */
  @ActivityMethod
  void retireDownload(DownloadHandle handle);

  /**
   * Removes, with their files, the imported downloads of this client whose seeding goals are met
   * (whichever of ratio and seeding time is reached first), never one that was not imported or has
   * not met a goal. Returns the ids removed. Clients without seeding goals make no call.
   * Idempotent: a removed download is no longer listed.
   */
  @ActivityMethod
  List<String> removeSeeded(String client);
}
