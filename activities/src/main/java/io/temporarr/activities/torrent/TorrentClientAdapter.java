package io.temporarr.activities.torrent;

import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.workflows.download.DownloadChanges;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
   * The category the instance gives every torrent Temporarr adds (qBittorrent), null when it gives
   * none: a torrent in another category is not Temporarr's, whatever its tags.
   */
  default String category() {
    return null;
  }

  /**
   * Adds the torrent tagged with {@code tag}, unless the client holds one under its infohash
   * already (refused as a duplicate, or added meanwhile by someone else): that one is answered as
   * {@link Added#present()}, its tags untouched. Never adds a second copy.
   */
  Added add(TorrentSource source, String tag);

  /**
   * Puts {@code tags} on the torrent in one edit (those already there are kept once); an unknown
   * torrent is ignored.
   */
  void tag(String hash, List<String> tags);

  /** The torrent listed under {@code hash} (lower-case), empty when the client does not list it. */
  Optional<? extends TaggedTorrent> find(String hash);

  /**
   * Takes {@code tag} off the torrent (no change when it is not there) and answers the torrent as
   * it is now, read after the change; empty when the client does not know the torrent.
   */
  Optional<? extends TaggedTorrent> untag(String hash, String tag);

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
   * Runs {@code edit} (an untag and a delete decided on its answer, or an add and the tags decided
   * on the torrent found) without another tag edit or add of this instance in between. A client
   * whose tags can be added and removed one by one, and which adds a torrent with its tags, needs
   * no lock: this runs it as it is.
   */
  default <T> T exclusively(Supplier<T> edit) {
    return edit.get();
  }

  /**
   * The torrent {@link #add} added, or found.
   *
   * @param hash lower-case hex infohash
   * @param name the client's name for it, null when it does not know one yet
   * @param present the torrent the client held already, as listed; null when this add added it
   */
  record Added(String hash, String name, TaggedTorrent present) {}
}
