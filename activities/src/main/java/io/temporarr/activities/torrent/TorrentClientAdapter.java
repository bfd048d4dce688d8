package io.temporarr.activities.torrent;

import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.workflows.download.DownloadChanges;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TorrentDownloadActivities} needs of one torrent client instance: the client's own
 * calls behind the rules every torrent client shares. A tag here is a qBittorrent tag or a
 * Transmission label. Failures: as the client's calls map them ({@code HttpFailures}, and {@code
 * DownloadRejected} for a torrent the client refuses).
 */
public interface TorrentClientAdapter {

  /** What the instance does with a download once its request imported it. */
  SeedingGoals seeding();

  /**
   * Adds the torrent tagged with {@code tag}, or tags the one the client holds under its infohash
   * already (a tag already there is kept once). Never adds a second copy.
   */
  Added add(TorrentSource source, String tag);

  /** The torrent listed under {@code hash} (lower-case), empty when the client does not list it. */
  Optional<? extends TaggedTorrent> find(String hash);

  /**
   * Takes {@code tag} off the torrent (no change when it is not there) and answers the tags it has
   * now, read after the change; empty when the client does not know the torrent.
   */
  Optional<List<String>> untag(String hash, String tag);

  /**
   * Puts {@code added} on the torrent, then takes {@code removed} off: it carries one of them at
   * every moment. A torrent already so is left as it is, an unknown one ignored.
   */
  void retag(String hash, String added, String removed);

  /**
   * Deletes torrents, with their files when asked; no call for none. Unknown hashes are ignored.
   */
  void delete(Collection<String> hashes, boolean deleteFiles);

  /** The torrents that may carry {@code tag}; the client may list others too. */
  List<? extends TaggedTorrent> mayCarry(String tag);

  /** The next page of changes under {@code clientName}, paged by {@code pages}. */
  DownloadChanges poll(String clientName, long cursor, PollPages pages);

  /**
   * Runs {@code release} (an untag and a delete decided on its answer) without another tag edit of
   * this instance in between. A client whose tags can be added and removed one by one needs no
   * lock: this runs it as it is.
   */
  default void exclusively(Runnable release) {
    release.run();
  }

  /**
   * The torrent {@link #add} added or found.
   *
   * @param hash lower-case hex infohash
   * @param name the client's name for it, null when it does not know one yet
   */
  record Added(String hash, String name) {}
}
