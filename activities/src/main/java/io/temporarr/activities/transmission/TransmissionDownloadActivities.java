package io.temporarr.activities.transmission;

import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.TorrentDownloadActivities;
import io.temporarr.activities.torrent.TorrentSources;
import io.temporarr.workflows.download.DownloadActivities;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@link DownloadActivities} on one or more Transmission instances, addressed by client name. The
 * request workflow ID is stored as a Transmission label.
 *
 * <p>A torrent can be shared by two requests, as with qBittorrent: each request owns its own label
 * on it, and the torrent lives as long as any request label remains. Removing or retiring it for
 * one request takes away only that request's label (the caller, see {@link CallingWorkflow}); these
 * rules are {@link TorrentDownloadActivities}'. Transmission has no "add a label" or "remove a
 * label", only "set the labels": each edit reads the labels and writes them back changed, and this
 * instance makes the edits of one client one at a time. Two workers editing one torrent's labels at
 * the same moment can still undo each other's edit: a finished request's label may stay behind (the
 * torrent is then kept), or a fresh label may be lost, so that another request's removal deletes a
 * torrent the first one still needs; that request then finds its download missing and goes on to
 * its next release.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: a {@code torrent-get} of the infohash first, and Transmission itself
 *       answers {@code torrent-duplicate} for an infohash it already has, so a retry or the same
 *       release requested twice never adds a second copy; the workflow label is added to the labels
 *       already there, never duplicated, with {@value TorrentDownloadActivities#ADOPTED_MARK} in
 *       the same {@code torrent-set} when no request label was there (the user's torrent). Adding
 *       and labelling run under the client's lock.
 *   <li>{@code downloadStatus}: read-only. It reports the caller as the snapshot's workflow when
 *       the torrent carries the caller's label.
 *   <li>{@code removeDownload}: takes the caller's label off (no write when it is gone already),
 *       then removes the torrent (its data as asked) only when no request label remains, it is not
 *       labelled {@value TorrentDownloadActivities#ADOPTED_MARK} and it is not seeding towards a
 *       goal after an import. A hash Transmission does not know succeeds without a call to remove
 *       it.
 *   <li>{@code pollDownloads}: read-only on the client. Every poll is one {@code torrent-get} of
 *       all torrents: {@code ids: "recently-active"} would report removals by Transmission's
 *       session-local numeric ids and forgets changes older than its own 60 s window, so a slower
 *       poll interval could miss a change. The activity keeps, per client, the snapshot it handed
 *       out last per torrent and request and hands out only those that changed or are new, at most
 *       {@value PollPages#MAX_CHANGES_PER_POLL} per result, oldest waiting first; the others wait
 *       for the next polls that continue from the cursor. It only continues from the cursor this
 *       instance handed out last; any other cursor (a retry after a lost result, a restarted
 *       worker, another worker's cursor) starts over with every torrent, so a replayed poll can
 *       repeat snapshots but never lose one. {@code removed} lists the hashes this worker saw in
 *       its previous poll of the client that are gone now.
 *   <li>{@code retireDownload}: with a seeding goal it sets the labels to those there plus {@value
 *       SeedingGoals#IMPORTED_MARK} minus the caller's (no write when they are so already); without
 *       a goal but with {@code removeImported} it removes the caller's share as {@code
 *       removeDownload} does, with its data (the library holds its own hardlink or copy); otherwise
 *       it makes no call.
 *   <li>{@code removeSeeded}: lists every torrent and removes, with their data, those labelled
 *       {@value SeedingGoals#IMPORTED_MARK} that no request labels any more and whose {@code
 *       uploadRatio} or {@code secondsSeeding} reached a goal. Without goals (or with {@code
 *       removeImported} off) no call.
 * </ul>
 *
 * <p>{@code pollDownloads} reports torrents labelled with a request workflow ID ({@code
 * media-request:…}), one snapshot per request label. Removed hashes are reported whoever owned
 * them.
 */
public class TransmissionDownloadActivities
    extends TorrentDownloadActivities<TransmissionDownloadActivities> {

  /**
   * @param clients configured Transmission instances by client name
   * @param http the shared client, used to fetch .torrent links
   * @param credentials puts indexer API keys back into redacted .torrent links
   */
  public TransmissionDownloadActivities(
      Map<String, TransmissionClient> clients, OkHttpClient http, LinkCredentials credentials) {
    super(
        "Transmission",
        "label",
        clients,
        TransmissionAdapter::new,
        new TorrentSources(http, credentials));
  }

  /** The same activities answering at most {@code max} snapshots per poll (tests). */
  TransmissionDownloadActivities withMaxChangesPerPoll(int max) {
    return withPageSize(max);
  }
}
