package io.temporarr.activities.torrent;

import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One torrent as a client lists it, seen by the rules every torrent client shares: the requests
 * that own it are the request workflow IDs among its tags (qBittorrent) or labels (Transmission).
 */
public interface TaggedTorrent {

  /** Lower-case hex infohash. */
  String hash();

  /** The name the client shows, null while it does not know one (a magnet without metadata). */
  String name();

  /** Its tags (qBittorrent) or labels (Transmission), in the client's order. */
  List<String> tags();

  /** Its category (qBittorrent), null for none or a client without categories. */
  default String category() {
    return null;
  }

  /** True when the torrent has reached a goal of {@code goals} (false when none is set). */
  boolean reached(SeedingGoals goals);

  /** The torrent's status as reported to the request {@code workflowId} (null: to none). */
  DownloadStatus status(String client, String workflowId);

  /** The requests among its tags, each once. */
  default List<String> requests() {
    return TorrentHandles.requests(tags());
  }

  /** One snapshot per request tagging the torrent (none when no request tags it). */
  default List<DownloadStatus> statuses(String client) {
    return requests().stream().map(workflowId -> status(client, workflowId)).toList();
  }

  /** A full listing of torrents for {@link PollPages#poll}: every hash, a snapshot per request. */
  static PollPages.Listing listing(String client, List<? extends TaggedTorrent> torrents) {
    List<String> listed = new ArrayList<>();
    List<DownloadStatus> tagged = new ArrayList<>();
    for (TaggedTorrent torrent : torrents) {
      listed.add(torrent.hash());
      tagged.addAll(torrent.statuses(client));
    }
    return new PollPages.Listing(listed, tagged);
  }
}
