package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.torrent.TorrentClientAdapter;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One qBittorrent instance behind the shared torrent rules: tags are added and removed one by one,
 * an add is looked up first and awaited (qBittorrent adds asynchronously), and polls follow {@code
 * sync/maindata}, merged into full torrents here.
 */
final class QbittorrentAdapter implements TorrentClientAdapter {

  private final QbittorrentClient client;
  private final Duration listingTimeout;
  private final Duration listingInterval;

  // The merged sync/maindata torrents and the position they stand at; guarded by this.
  private long rid = -1;
  private long session = -1;
  private final Map<String, ObjectNode> torrents = new LinkedHashMap<>();

  /**
   * @param listingTimeout how long an added torrent may take to appear in the list
   */
  QbittorrentAdapter(QbittorrentClient client, Duration listingTimeout, Duration listingInterval) {
    this.client = client;
    this.listingTimeout = listingTimeout;
    this.listingInterval = listingInterval;
  }

  @Override
  public String category() {
    return client.settings().category();
  }

  /**
   * Adds the torrent with the tag (qBittorrent puts it on with the torrent) and waits until it is
   * listed. A torrent listed without the tag was there already: qBittorrent refused the add, or
   * took a magnet it holds as a no-op.
   */
  @Override
  public Added add(TorrentSource source, String tag) {
    TorrentInfo torrent = addAndAwait(source, tag);
    return new Added(torrent.hash(), torrent.name(), torrent.tags().contains(tag) ? null : torrent);
  }

  @Override
  public void tag(String hash, List<String> tags) {
    client.addTags(List.of(hash), tags);
  }

  /** Adds the torrent and waits until it is listed; the one there when another add was faster. */
  private TorrentInfo addAndAwait(TorrentSource source, String tag) {
    try {
      if (source.torrent() != null) {
        client.addTorrentFile(source.infoHash() + ".torrent", source.torrent(), List.of(tag));
      } else {
        client.addTorrentUrl(source.magnetUri(), List.of(tag));
      }
    } catch (ApplicationFailure failure) {
      // qBittorrent refuses a torrent it already holds. Another request may have added this one
      // since the look-up above (it can still be loading, so wait for it as for an own add).
      if (!ErrorTypes.DOWNLOAD_REJECTED.equals(failure.getType())) {
        throw failure;
      }
      return listed(source.infoHash()).orElseThrow(() -> failure);
    }
    return listed(source.infoHash())
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "qBittorrent "
                        + client.settings().name()
                        + " accepted torrent "
                        + source.infoHash()
                        + " but did not list it within "
                        + listingTimeout.toMillis()
                        + " ms",
                    ErrorTypes.DOWNLOAD_REJECTED));
  }

  /** The torrent once qBittorrent lists it, empty after the timeout. */
  private Optional<TorrentInfo> listed(String hash) {
    long deadline = System.nanoTime() + listingTimeout.toNanos();
    while (true) {
      Optional<TorrentInfo> listed = find(hash);
      if (listed.isPresent() || System.nanoTime() - deadline >= 0) {
        return listed;
      }
      try {
        Thread.sleep(listingInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for torrent " + hash, e);
      }
    }
  }

  @Override
  public Optional<TorrentInfo> find(String hash) {
    return client.info(List.of(hash)).stream()
        .filter(torrent -> torrent.hash().equals(hash))
        .findFirst();
  }

  @Override
  public Optional<TorrentInfo> untag(String hash, String tag) {
    // A tag that is gone already is ignored by removeTags.
    client.removeTags(List.of(hash), List.of(tag));
    return find(hash);
  }

  @Override
  public void retag(String hash, String added, String removed) {
    client.addTags(List.of(hash), List.of(added));
    client.removeTags(List.of(hash), List.of(removed));
  }

  @Override
  public void delete(Collection<String> hashes, boolean deleteFiles) {
    client.delete(hashes, deleteFiles);
  }

  @Override
  public List<TorrentInfo> mayCarry(String tag) {
    // qBittorrent 4.x ignores an unknown tag filter and lists everything.
    return client.infoTagged(tag);
  }

  /**
   * Continues {@code sync/maindata} only from the cursor this instance handed out last in the same
   * qBittorrent session; any other cursor restarts at rid 0, which answers a full update.
   */
  @Override
  public DownloadChanges poll(String clientName, long cursor, PollPages pages) {
    return pages.follow(clientName, () -> readChanges(clientName, cursor));
  }

  private synchronized PollPages.Changes readChanges(String clientName, long cursor) {
    boolean continues = cursor > 0 && cursor == rid && session == client.session();
    MainData data = client.syncMainData(continues ? cursor : 0);
    boolean full = data.fullUpdate() || !continues;
    List<String> removed = new ArrayList<>();
    if (full) {
      torrents.keySet().stream()
          .filter(hash -> !data.torrents().containsKey(hash))
          .forEach(removed::add);
      torrents.clear();
    }
    data.torrents()
        .forEach(
            (hash, fields) ->
                torrents
                    .computeIfAbsent(hash, h -> JsonNodeFactory.instance.objectNode())
                    .setAll(fields));
    for (String hash : data.torrentsRemoved()) {
      torrents.remove(hash);
      if (!removed.contains(hash)) {
        removed.add(hash);
      }
    }
    Map<String, List<DownloadStatus>> changed = new LinkedHashMap<>();
    for (String hash : data.torrents().keySet()) {
      ObjectNode merged = torrents.get(hash);
      changed.put(
          hash, merged == null ? List.of() : TorrentInfo.from(hash, merged).statuses(clientName));
    }
    rid = data.rid();
    session = client.session();
    return new PollPages.Changes(data.rid(), full, changed, removed);
  }

  @Override
  public SeedingGoals seeding() {
    return client.settings().seeding();
  }
}
