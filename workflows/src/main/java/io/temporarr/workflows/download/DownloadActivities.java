package io.temporarr.workflows.download;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Port: the download clients (qBittorrent, Transmission, SABnzbd). Every method names the client it
 * talks to through {@code client} / {@link DownloadHandle#client()}; the worker routes each call to
 * the configured client of that name.
 *
 * <p>A torrent can be shared: two requests may choose the same release. Each request owns its own
 * tag (label) on it, its workflow ID, and the torrent lives as long as any request's tag remains.
 * The methods that give a download up act for the calling workflow only.
 */
@ActivityInterface
public interface DownloadActivities {

  /**
   * Adds the release, tagged with the workflow ID, and returns its handle.
   *
   * <p>Idempotent: the infohash is computed before adding (from the magnet or the .torrent), and a
   * download already present with that hash (added by this request, or by another one it is then
   * shared with) gains the workflow's tag and is returned instead of being added twice.
   *
   * <p>Failures: {@code InvalidRelease} (no usable link or hash) and {@code DownloadRejected} (the
   * client refused it), both non-retryable; HTTP failures as mapped by HttpFailures.
   */
  @ActivityMethod
  DownloadHandle addDownload(AddDownloadRequest request);

  /**
   * Reads one download's current state; {@link DownloadState#MISSING} if the client does not know
   * it. The snapshot names the calling workflow when the download carries its tag. Idempotent:
   * read-only.
   */
  @ActivityMethod
  DownloadStatus downloadStatus(DownloadHandle handle);

  /**
   * Gives the download up for the calling workflow: takes its tag off, and removes the download
   * (its files when asked) when no other request's tag remains. Idempotent: a tag already gone is
   * not taken off again, and removing an unknown download succeeds.
   */
  @ActivityMethod
  void removeDownload(DownloadHandle handle, boolean deleteFiles);

  /**
   * Incremental poll of one client for the shared monitor: one call (qBittorrent {@code
   * sync/maindata?rid=}) whatever the number of active downloads. A download two requests share
   * comes as one snapshot per request. Passing a cursor the activity cannot continue from (e.g.
   * after a worker restart) yields a full update. Idempotent: read-only.
   */
  @ActivityMethod
  DownloadChanges pollDownloads(String client, long cursor);

  /**
   * The calling request has imported this download. Clients with seeding goals (ratio, seeding
   * time) keep it seeding, mark it as imported and take the caller's tag off, so {@link
   * #removeSeeded} removes it once a goal is met and no other request wants it; clients configured
   * to remove imported downloads give it up for the caller now as {@link #removeDownload} does,
   * with its files (the library holds its own hardlink or copy); otherwise the download is left as
   * it is.
   *
   * <p>Idempotent: marking twice is marking once, a tag already gone is not taken off again, and
   * removing an unknown download succeeds.
   */
  @ActivityMethod
  void retireDownload(DownloadHandle handle);

  /**
   * Removes, with their files, the imported downloads of this client whose seeding goals are met
   * (whichever of ratio and seeding time is reached first), never one that was not imported, that a
   * request still tags, or that has not met a goal. Returns the ids removed. Clients without
   * seeding goals make no call. Idempotent: a removed download is no longer listed.
   */
  @ActivityMethod
  List<String> removeSeeded(String client);
}
