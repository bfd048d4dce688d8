package io.temporarr.activities.qbittorrent;

import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.TorrentDownloadActivities;
import io.temporarr.activities.torrent.TorrentSources;
import io.temporarr.workflows.download.DownloadActivities;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@link DownloadActivities} on one or more qBittorrent instances, addressed by client name.
 *
 * <p>A torrent can be shared: each request owns its own tag on it, its workflow ID, and the torrent
 * lives as long as any such tag remains; removing or retiring it for one request takes away only
 * the tag of the caller (see {@link CallingWorkflow}). These rules are {@link
 * TorrentDownloadActivities}'; below, what they send to qBittorrent.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: the v1 infohash is known before anything is added (parsed from the
 *       magnet, or hashed from the fetched .torrent), and a torrent already listed under it is
 *       returned, tagged with the workflow (a tag already there is kept once; one {@code addTags}
 *       with {@value TorrentDownloadActivities#ADOPTED_MARK} first when the torrent is not
 *       Temporarr's: no request tag, or another category), instead of being added again. When
 *       another request added it between the look-up and the add, qBittorrent refuses the add
 *       ("Fails.") and the torrent it lists under the hash is shared instead. A retry, or the same
 *       release requested twice, never adds a second copy.
 *   <li>{@code downloadStatus}: read-only. It reports the caller as the snapshot's workflow when
 *       the torrent carries the caller's tag.
 *   <li>{@code removeDownload}: takes the caller's tag off ({@code torrents/removeTags}; a tag that
 *       is gone already is ignored), then reads the torrent again and deletes it (files as asked)
 *       only when no request tag remains, it is Temporarr's (no {@value
 *       TorrentDownloadActivities#ADOPTED_MARK}, in the configured category) and it is not seeding
 *       towards a goal after an import. Deciding on the read after the own removal makes two
 *       requests removing at once end with the torrent deleted, never left behind without an owner.
 *       A hash qBittorrent does not know succeeds without a delete.
 *   <li>{@code pollDownloads}: read-only on the client. The per-client merge cache only continues
 *       from the cursor this instance handed out last in the same qBittorrent session; any other
 *       cursor (a retry after a lost result, a restarted worker, a new login) restarts at rid 0 and
 *       answers a full update, so a replayed poll can repeat changes but never lose one. A result
 *       holds at most {@value PollPages#MAX_CHANGES_PER_POLL} snapshots; the others wait in {@link
 *       PollPages} for the next polls that continue from the cursor (a full update starts the pages
 *       over, at a random torrent when there is more than a page, so that polls alternating between
 *       two workers still reach every torrent over time).
 *   <li>{@code retireDownload}: with a seeding goal it adds the tag {@value
 *       SeedingGoals#IMPORTED_MARK} (adding a tag twice keeps one), then takes the caller's tag
 *       off; without a goal but with {@code removeImported} it removes the caller's share as {@code
 *       removeDownload} does, with files (the library holds its own hardlink or copy); otherwise it
 *       makes no call.
 *   <li>{@code removeSeeded}: lists the torrents tagged {@value SeedingGoals#IMPORTED_MARK} and
 *       deletes, with their files, those that no request tags any more and whose {@code ratio} or
 *       {@code seeding_time} reached a goal; a deleted torrent is no longer listed. Without goals
 *       (or with {@code removeImported} off) no call.
 * </ul>
 *
 * <p>{@code pollDownloads} reports torrents tagged with a request workflow ID, one snapshot per
 * request tag: other torrents of a shared client would only bloat the monitor's history. Removed
 * hashes are reported whoever owned them.
 */
public class QbittorrentDownloadActivities
    extends TorrentDownloadActivities<QbittorrentDownloadActivities> {

  /**
   * @param clients configured qBittorrent instances by client name
   * @param http the shared client, used to fetch .torrent links
   */
  public QbittorrentDownloadActivities(Map<String, QbittorrentClient> clients, OkHttpClient http) {
    this(clients, http, LinkCredentials.none());
  }

  /**
   * @param credentials puts indexer API keys back into redacted .torrent links (they are kept out
   *     of workflow histories)
   */
  public QbittorrentDownloadActivities(
      Map<String, QbittorrentClient> clients, OkHttpClient http, LinkCredentials credentials) {
    this(clients, http, credentials, Duration.ofSeconds(5), Duration.ofMillis(200));
  }

  /**
   * @param listingTimeout how long an added torrent may take to appear in the list (qBittorrent
   *     adds asynchronously)
   */
  QbittorrentDownloadActivities(
      Map<String, QbittorrentClient> clients,
      OkHttpClient http,
      Duration listingTimeout,
      Duration listingInterval) {
    this(clients, http, LinkCredentials.none(), listingTimeout, listingInterval);
  }

  private QbittorrentDownloadActivities(
      Map<String, QbittorrentClient> clients,
      OkHttpClient http,
      LinkCredentials credentials,
      Duration listingTimeout,
      Duration listingInterval) {
    super(
        "qBittorrent",
        "tag",
        clients,
        client -> new QbittorrentAdapter(client, listingTimeout, listingInterval),
        new TorrentSources(http, credentials));
  }

  /** The same activities answering at most {@code max} snapshots per poll (tests). */
  QbittorrentDownloadActivities withMaxChangesPerPoll(int max) {
    return withPageSize(max);
  }
}
