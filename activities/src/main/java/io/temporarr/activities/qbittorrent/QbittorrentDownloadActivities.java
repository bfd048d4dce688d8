package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.Magnet;
import io.temporarr.activities.torrent.TorrentFile;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * {@link DownloadActivities} on one or more qBittorrent instances, addressed by client name.
 *
 * <p>Idempotency, per method:
 *
 * <ul>
 *   <li>{@code addDownload}: the v1 infohash is known before anything is added (parsed from the
 *       magnet, or hashed from the fetched .torrent), and a torrent already listed under it is
 *       returned, tagged with the workflow, instead of being added again. A retry, or the same
 *       release requested twice, never adds a second copy.
 *   <li>{@code downloadStatus}: read-only.
 *   <li>{@code removeDownload}: deleting a hash qBittorrent does not know succeeds.
 *   <li>{@code pollDownloads}: read-only on the client. The per-client merge cache only continues
 *       from the cursor this instance handed out last in the same qBittorrent session; any other
 *       cursor (a retry after a lost result, a restarted worker, a new login) restarts at rid 0 and
 *       answers a full update, so a replayed poll can repeat changes but never lose one.
 * </ul>
 *
 * <p>{@code pollDownloads} reports only torrents tagged with a request workflow ID ({@code
 * media-request:…}): other torrents of a shared client would only bloat the monitor's history.
 * Removed hashes are reported whoever owned them.
 */
public class QbittorrentDownloadActivities implements DownloadActivities {

  /** Far above any real .torrent (a few MB at most); keeps a wrong link from filling the heap. */
  static final int MAX_TORRENT_BYTES = 10 * 1024 * 1024;

  private final Map<String, QbittorrentClient> clients;
  private final OkHttpClient fetcher;
  private final LinkCredentials credentials;
  private final Duration listingTimeout;
  private final Duration listingInterval;
  private final Map<String, SyncCache> syncCaches = new ConcurrentHashMap<>();

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
    this.credentials = credentials;
    // OkHttp follows http(s) redirects itself and hands back the 3xx when Location is magnet:.
    this.fetcher = http.newBuilder().followRedirects(true).build();
    this.listingTimeout = listingTimeout;
    this.listingInterval = listingInterval;
  }

  @Override
  public DownloadHandle addDownload(AddDownloadRequest request) {
    DownloadClients.requireWorkflowId(request);
    QbittorrentClient client = client(request.client());
    Source source = resolve(request.release());
    String announced = request.release().infoHash();
    if (announced != null
        && !announced.isBlank()
        && !Magnet.normalizeInfoHash(announced).equals(source.infoHash())) {
      throw invalidRelease(
          "the indexer announced infohash "
              + announced
              + " but the torrent's is "
              + source.infoHash());
    }
    String tag = request.workflowId();
    List<TorrentInfo> existing = client.info(List.of(source.infoHash()));
    if (!existing.isEmpty()) {
      TorrentInfo torrent = existing.get(0);
      if (!torrent.tags().contains(tag)) {
        client.addTags(List.of(torrent.hash()), List.of(tag));
      }
      return handle(request.client(), torrent, source);
    }
    if (source.torrent() != null) {
      client.addTorrentFile(source.infoHash() + ".torrent", source.torrent(), List.of(tag));
    } else {
      client.addTorrentUrl(source.magnetUri(), List.of(tag));
    }
    return handle(request.client(), awaitListed(client, source.infoHash()), source);
  }

  @Override
  public DownloadStatus downloadStatus(DownloadHandle handle) {
    QbittorrentClient client = client(handle.client());
    String hash = handle.id() == null ? "" : handle.id().trim().toLowerCase(Locale.ROOT);
    if (hash.isEmpty()) {
      return missing(handle);
    }
    return client.info(List.of(hash)).stream()
        .filter(torrent -> torrent.hash().equals(hash))
        .findFirst()
        .map(torrent -> status(handle.client(), torrent))
        .orElseGet(() -> missing(handle));
  }

  @Override
  public void removeDownload(DownloadHandle handle, boolean deleteFiles) {
    QbittorrentClient client = client(handle.client());
    if (handle.id() != null && !handle.id().isBlank()) {
      client.delete(List.of(handle.id().trim().toLowerCase(Locale.ROOT)), deleteFiles);
    }
  }

  @Override
  public void retireDownload(DownloadHandle handle) {
    // No seeding goals configured for qBittorrent yet: an imported torrent keeps seeding.
    client(handle.client());
  }

  @Override
  public List<String> removeSeeded(String clientName) {
    client(clientName);
    return List.of();
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
      List<DownloadStatus> changed = new ArrayList<>();
      for (String hash : data.torrents().keySet()) {
        ObjectNode merged = cache.torrents.get(hash);
        if (merged != null) {
          DownloadStatus status = status(clientName, TorrentInfo.from(hash, merged));
          if (status.workflowId() != null) {
            changed.add(status);
          }
        }
      }
      cache.rid = data.rid();
      cache.session = client.session();
      return new DownloadChanges(data.rid(), full, changed, removed);
    }
  }

  /** What is about to be added: its hash, and either a magnet URI or the .torrent bytes. */
  private record Source(String infoHash, String name, String magnetUri, byte[] torrent) {
    static Source of(Magnet magnet, String uri) {
      return new Source(magnet.infoHash(), magnet.displayName(), uri, null);
    }
  }

  /** Merged {@code sync/maindata} torrents of one client and the position they stand at. */
  private static final class SyncCache {
    private long rid = -1;
    private long session = -1;
    private final Map<String, ObjectNode> torrents = new LinkedHashMap<>();
  }

  private Source resolve(Release release) {
    if (release == null || release.downloadUrl() == null || release.downloadUrl().isBlank()) {
      throw invalidRelease("the release has no download link");
    }
    if (release.protocol() == Protocol.USENET) {
      throw invalidRelease("qBittorrent takes torrents, not usenet releases");
    }
    String link = release.downloadUrl().trim();
    if (Magnet.isMagnet(link)) {
      return Source.of(Magnet.parse(link), link);
    }
    HttpUrl url = HttpUrl.parse(link);
    if (url == null) {
      throw invalidRelease("the download link is neither a magnet nor an http(s) URL");
    }
    return fetch(url, release.indexer() != null ? release.indexer() : url.host());
  }

  private Source fetch(HttpUrl url, String indexer) {
    String service = "indexer " + indexer;
    Request request =
        new Request.Builder()
            .url(credentials.restore(url))
            .header("Accept", "application/x-bittorrent, */*;q=0.8")
            .build();
    // The one call not made through HttpCalls: a 3xx to a magnet (Prowlarr's download proxy does
    // that) is an answer to read, not a failure.
    try (Response response = fetcher.newCall(request).execute()) {
      String location = response.header("Location");
      if (response.isRedirect() && Magnet.isMagnet(location)) {
        return Source.of(Magnet.parse(location), location);
      }
      if (!response.isSuccessful()) {
        throw HttpFailures.forResponse(service, response);
      }
      byte[] body = readBounded(response.body().source());
      String head = new String(body, 0, Math.min(body.length, 8), StandardCharsets.US_ASCII);
      if (Magnet.isMagnet(head)) {
        String magnet = new String(body, StandardCharsets.UTF_8).trim();
        return Source.of(Magnet.parse(magnet), magnet);
      }
      TorrentFile torrent = TorrentFile.parse(body);
      return new Source(torrent.infoHash(), torrent.name(), null, body);
    } catch (IOException e) {
      throw HttpFailures.forIo(service, request.method(), url, e);
    }
  }

  private static byte[] readBounded(BufferedSource source) throws IOException {
    if (source.request(MAX_TORRENT_BYTES + 1L)) {
      throw invalidRelease("the download link answered more than 10 MiB: not a .torrent");
    }
    return source.getBuffer().readByteArray();
  }

  private TorrentInfo awaitListed(QbittorrentClient client, String hash) {
    long deadline = System.nanoTime() + listingTimeout.toNanos();
    while (true) {
      List<TorrentInfo> listed = client.info(List.of(hash));
      if (!listed.isEmpty()) {
        return listed.get(0);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "qBittorrent "
                + client.settings().name()
                + " accepted torrent "
                + hash
                + " but did not list it within "
                + listingTimeout.toMillis()
                + " ms",
            ErrorTypes.DOWNLOAD_REJECTED);
      }
      try {
        Thread.sleep(listingInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for torrent " + hash, e);
      }
    }
  }

  private QbittorrentClient client(String name) {
    return DownloadClients.named(clients, name, "qBittorrent");
  }

  private static DownloadHandle handle(String client, TorrentInfo torrent, Source source) {
    String name = torrent.name() != null ? torrent.name() : source.name();
    return new DownloadHandle(client, torrent.hash(), name);
  }

  /** {@code message} carries qBittorrent's own state name, for operators. */
  private static DownloadStatus status(String client, TorrentInfo torrent) {
    String workflowId =
        torrent.tags().stream().filter(WorkflowIds::isMediaRequest).findFirst().orElse(null);
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

  private static DownloadStatus missing(DownloadHandle handle) {
    return DownloadClients.missing(handle, "qBittorrent");
  }

  private static ApplicationFailure invalidRelease(String detail) {
    return ApplicationFailure.newNonRetryableFailure(detail, ErrorTypes.INVALID_RELEASE);
  }
}
