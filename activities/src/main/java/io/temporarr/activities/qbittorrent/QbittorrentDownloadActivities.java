package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.download.PollPages;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.TorrentHandles;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.activities.torrent.TorrentSources;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;

/**
 * {@link DownloadActivities} on one or more qBittorrent instances, addressed by client name.
 *
 * <p>A torrent can be shared: two requests (the same movie from two sources, two seasons picking
 * one multi-season pack) may choose the same release. Each request owns its own tag on it, its
 * workflow ID ({@code media-request:…}), and the torrent lives as long as any such tag remains:
 * removing or retiring it for one request takes away only that request's tag (the caller, see
 * {@link CallingWorkflow}), and only the request that takes away the last one deletes it.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: the v1 infohash is known before anything is added (parsed from the
 *       magnet, or hashed from the fetched .torrent), and a torrent already listed under it is
 *       returned, tagged with the workflow (a tag already there is kept once), instead of being
 *       added again. When another request added it between the look-up and the add, qBittorrent
 *       refuses the add ("Fails.") and the torrent it lists under the hash is shared instead. A
 *       retry, or the same release requested twice, never adds a second copy.
 *   <li>{@code downloadStatus}: read-only. It reports the caller as the snapshot's workflow when
 *       the torrent carries the caller's tag.
 *   <li>{@code removeDownload}: takes the caller's tag off ({@code torrents/removeTags}; a tag that
 *       is gone already is ignored), then reads the torrent again and deletes it (files as asked)
 *       only when no request tag remains and it is not seeding towards a goal after an import.
 *       Deciding on the read after the own removal makes two requests removing at once end with the
 *       torrent deleted, never left behind without an owner. A hash qBittorrent does not know
 *       succeeds without a delete.
 *   <li>{@code pollDownloads}: read-only on the client. The per-client merge cache only continues
 *       from the cursor this instance handed out last in the same qBittorrent session; any other
 *       cursor (a retry after a lost result, a restarted worker, a new login) restarts at rid 0 and
 *       answers a full update, so a replayed poll can repeat changes but never lose one. A result
 *       holds at most {@value PollPages#MAX_CHANGES_PER_POLL} snapshots; the others wait in the
 *       cache for the next polls that continue from the cursor (a full update starts the pages
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
public class QbittorrentDownloadActivities implements DownloadActivities {

  private final Map<String, QbittorrentClient> clients;
  private final TorrentSources sources;
  private final Duration listingTimeout;
  private final Duration listingInterval;
  private final Map<String, SyncCache> syncCaches = new ConcurrentHashMap<>();

  /** Snapshots per poll result, as for every client (see {@link PollPages}). */
  private int maxChangesPerPoll = PollPages.MAX_CHANGES_PER_POLL;

  private CallingWorkflow caller = CallingWorkflow.ACTIVITY;

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
    this.clients = Map.copyOf(clients);
    this.sources = new TorrentSources(http, credentials);
    this.listingTimeout = listingTimeout;
    this.listingInterval = listingInterval;
  }

  /** The same activities answering at most {@code max} snapshots per poll (tests). */
  QbittorrentDownloadActivities withMaxChangesPerPoll(int max) {
    this.maxChangesPerPoll = max;
    return this;
  }

  /**
   * The same activities acting for {@code caller} instead of the workflow of the running activity:
   * for tests and tools that call them outside an activity.
   */
  public QbittorrentDownloadActivities withCaller(CallingWorkflow caller) {
    this.caller = caller;
    return this;
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    DownloadClients.requireWorkflowId(request);
    QbittorrentClient client = client(request.client());
    TorrentSource source = sources.resolve(request.release(), "qBittorrent");
    String tag = request.workflowId();
    TorrentInfo torrent =
        client.info(List.of(source.infoHash())).stream()
            .findFirst()
            .orElseGet(() -> addAndAwait(client, source, tag));
    if (!torrent.tags().contains(tag)) {
      client.addTags(List.of(torrent.hash()), List.of(tag));
    }
    return handle(request.client(), torrent, source);
  }

  /** Adds the torrent and waits until it is listed; shares it when another request was faster. */
  private TorrentInfo addAndAwait(QbittorrentClient client, TorrentSource source, String tag) {
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
      return listed(client, source.infoHash()).orElseThrow(() -> failure);
    }
    return listed(client, source.infoHash())
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

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    QbittorrentClient client = client(handle.client());
    return TorrentHandles.statusOf(
        handle,
        "qBittorrent",
        hash ->
            find(client, hash)
                .map(
                    torrent ->
                        status(
                            handle.client(),
                            torrent,
                            TorrentHandles.owner(torrent.tags(), caller))));
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    QbittorrentClient client = client(handle.client());
    String hash = TorrentHandles.hash(handle);
    if (!hash.isEmpty()) {
      release(client, hash, deleteFiles);
    }
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    QbittorrentClient client = client(handle.client());
    SeedingGoals goals = client.settings().seeding();
    String hash = TorrentHandles.hash(handle);
    if (hash.isEmpty()) {
      return;
    }
    if (goals.removesWhenMet()) {
      String owner = caller.required();
      // Marked first: the torrent always carries the caller's tag or the mark, so another
      // request releasing it in between never sees it unowned and deletes it before its goal.
      client.addTags(List.of(hash), List.of(SeedingGoals.IMPORTED_MARK));
      client.removeTags(List.of(hash), List.of(owner));
    } else if (goals.removesAtImport()) {
      release(client, hash, true);
    }
  }

  /**
   * Takes the caller's tag off the torrent, then deletes it when no request tag remains, unless it
   * is seeding towards a goal after an import ({@link #removeSeeded} deletes it then).
   */
  private void release(QbittorrentClient client, String hash, boolean deleteFiles) {
    client.removeTags(List.of(hash), List.of(caller.required()));
    // Read again after the own removal: of two requests releasing at once, the later read sees
    // both tags gone, so the torrent is deleted by at least one of them.
    Optional<TorrentInfo> torrent = find(client, hash);
    if (torrent.isEmpty() || isRequested(torrent.get())) {
      return;
    }
    boolean seeding =
        client.settings().seeding().removesWhenMet()
            && torrent.get().tags().contains(SeedingGoals.IMPORTED_MARK);
    if (!seeding) {
      client.delete(List.of(hash), deleteFiles);
    }
  }

  @Override
  public List<String> removeSeeded(String clientName) {
    QbittorrentClient client = client(clientName);
    SeedingGoals goals = client.settings().seeding();
    if (!goals.removesWhenMet()) {
      return List.of();
    }
    List<String> done =
        client.infoTagged(SeedingGoals.IMPORTED_MARK).stream()
            // qBittorrent 4.x ignores an unknown tag filter and lists everything: check the tag.
            .filter(torrent -> torrent.tags().contains(SeedingGoals.IMPORTED_MARK))
            // Imported by one request, still wanted by another: it stays until that one is done.
            .filter(torrent -> !isRequested(torrent))
            .filter(
                torrent -> goals.met(torrent.ratio(), Duration.ofSeconds(torrent.seedingTime())))
            .map(TorrentInfo::hash)
            .toList();
    client.delete(done, true);
    return done;
  }

  @Override
  public DownloadChanges pollDownloads(String clientName, long cursor) {
    QbittorrentClient client = client(clientName);
    SyncCache cache = syncCaches.computeIfAbsent(clientName, name -> new SyncCache());
    synchronized (cache) {
      boolean continues = cursor > 0 && cursor == cache.rid && cache.session == client.session();
      MainData data = client.syncMainData(continues ? cursor : 0);
      boolean full = data.fullUpdate() || !continues;
      List<String> removed = new ArrayList<>();
      if (full) {
        cache.torrents.keySet().stream()
            .filter(hash -> !data.torrents().containsKey(hash))
            .forEach(removed::add);
        cache.torrents.clear();
      }
      data.torrents()
          .forEach(
              (hash, fields) ->
                  cache
                      .torrents
                      .computeIfAbsent(hash, h -> JsonNodeFactory.instance.objectNode())
                      .setAll(fields));
      for (String hash : data.torrentsRemoved()) {
        cache.torrents.remove(hash);
        if (!removed.contains(hash)) {
          removed.add(hash);
        }
      }
      if (full) {
        cache.pending.clear();
      }
      removed.forEach(cache.pending::remove);
      List<String> updated = new ArrayList<>(data.torrents().keySet());
      if (full && updated.size() > maxChangesPerPoll) {
        // With two workers, polls often land on the one that did not hand out the cursor and
        // start over: starting at qBittorrent's first torrent every time would never reach the
        // torrents past the first page, so a fresh start begins at a random one.
        Collections.rotate(updated, ThreadLocalRandom.current().nextInt(updated.size()));
      }
      for (String hash : updated) {
        ObjectNode merged = cache.torrents.get(hash);
        if (merged != null) {
          List<DownloadStatus> statuses = statuses(clientName, TorrentInfo.from(hash, merged));
          // Re-queued at the end with the latest snapshots, one per request tag now on it.
          cache.pending.remove(hash);
          if (!statuses.isEmpty()) {
            cache.pending.put(hash, statuses);
          }
        }
      }
      List<DownloadStatus> changed = new ArrayList<>();
      var next = cache.pending.entrySet().iterator();
      while (next.hasNext() && changed.size() < maxChangesPerPoll) {
        Map.Entry<String, List<DownloadStatus>> waiting = next.next();
        List<DownloadStatus> statuses = waiting.getValue();
        int room = maxChangesPerPoll - changed.size();
        if (statuses.size() <= room) {
          changed.addAll(statuses);
          next.remove();
        } else {
          // A torrent shared by more requests than the page has room for: the rest stay first.
          changed.addAll(statuses.subList(0, room));
          waiting.setValue(List.copyOf(statuses.subList(room, statuses.size())));
        }
      }
      cache.rid = data.rid();
      cache.session = client.session();
      return new DownloadChanges(data.rid(), full, changed, removed);
    }
  }

  /** Merged {@code sync/maindata} torrents of one client and the position they stand at. */
  private static final class SyncCache {
    private long rid = -1;
    private long session = -1;
    private final Map<String, ObjectNode> torrents = new LinkedHashMap<>();

    /**
     * Changed snapshots not handed out yet, per torrent one per request tag: a poll answers at most
     * a page of them.
     */
    private final Map<String, List<DownloadStatus>> pending = new LinkedHashMap<>();
  }

  /** The torrent once qBittorrent lists it (it adds asynchronously), empty after the timeout. */
  private Optional<TorrentInfo> listed(QbittorrentClient client, String hash) {
    long deadline = System.nanoTime() + listingTimeout.toNanos();
    while (true) {
      Optional<TorrentInfo> listed = find(client, hash);
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

  private static Optional<TorrentInfo> find(QbittorrentClient client, String hash) {
    return client.info(List.of(hash)).stream()
        .filter(torrent -> torrent.hash().equals(hash))
        .findFirst();
  }

  /** True while some request still tags the torrent. */
  private static boolean isRequested(TorrentInfo torrent) {
    return !TorrentHandles.requests(torrent.tags()).isEmpty();
  }

  private QbittorrentClient client(String name) {
    return DownloadClients.named(clients, name, "qBittorrent");
  }

  private static DownloadHandle handle(String client, TorrentInfo torrent, TorrentSource source) {
    String name = torrent.name() != null ? torrent.name() : source.name();
    return new DownloadHandle(client, torrent.hash(), name);
  }

  /** One snapshot per request tag on the torrent (none when no request tags it). */
  private static List<DownloadStatus> statuses(String client, TorrentInfo torrent) {
    return TorrentHandles.requests(torrent.tags()).stream()
        .map(workflowId -> status(client, torrent, workflowId))
        .toList();
  }

  /** {@code message} carries qBittorrent's own state name, for operators. */
  private static DownloadStatus status(String client, TorrentInfo torrent, String workflowId) {
    return new DownloadStatus(
        client,
        torrent.hash(),
        workflowId,
        torrent.name(),
        QbittorrentStates.toDownloadState(
            torrent.state(), torrent.progress(), torrent.amountLeft()),
        torrent.progress(),
        torrent.amountLeft(),
        torrent.contentPath(),
        torrent.savePath(),
        torrent.state());
  }
}
