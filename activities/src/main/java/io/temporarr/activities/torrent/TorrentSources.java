package io.temporarr.activities.torrent;

import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Turns a torrent release into a {@link TorrentSource} for any torrent client: a magnet is parsed,
 * an http(s) link is fetched (it may serve a .torrent, a magnet, or redirect to a magnet, as
 * Prowlarr's download proxy does), and the infohash is checked against the one the indexer
 * announced. Read-only: fetching a link twice gives the same source.
 *
 * <p>Failures: {@code InvalidRelease} (non-retryable) for a usenet release, a missing or unusable
 * link, a body that is no torrent, or an announced infohash that differs; fetch failures as mapped
 * by {@link HttpFailures}.
 */
public final class TorrentSources {

  /** Far above any real .torrent (a few MB at most); keeps a wrong link from filling the heap. */
  public static final int MAX_TORRENT_BYTES = 10 * 1024 * 1024;

  private final OkHttpClient fetcher;
  private final LinkCredentials credentials;

  /**
   * @param http the shared client
   * @param credentials puts indexer API keys back into redacted .torrent links (they are kept out
   *     of workflow histories)
   */
  public TorrentSources(OkHttpClient http, LinkCredentials credentials) {
    // OkHttp follows http(s) redirects itself and hands back the 3xx when Location is magnet:.
    this.fetcher = http.newBuilder().followRedirects(true).build();
    this.credentials = credentials;
  }

  /**
   * The source of a torrent release.
   *
   * @param clientProduct the client's product name, for the usenet rejection message
   */
  public TorrentSource resolve(Release release, String clientProduct) {
    if (release == null || release.downloadUrl() == null || release.downloadUrl().isBlank()) {
      throw InvalidRelease.because("the release has no download link");
    }
    if (release.protocol() == Protocol.USENET) {
      throw InvalidRelease.because(clientProduct + " takes torrents, not usenet releases");
    }
    TorrentSource source = read(release);
    String announced = release.infoHash();
    if (announced != null
        && !announced.isBlank()
        && !Magnet.normalizeInfoHash(announced).equals(source.infoHash())) {
      throw InvalidRelease.because(
          "the indexer announced infohash "
              + announced
              + " but the torrent's is "
              + source.infoHash());
    }
    return source;
  }

  private TorrentSource read(Release release) {
    String link = release.downloadUrl().trim();
    if (Magnet.isMagnet(link)) {
      return TorrentSource.of(Magnet.parse(link), link);
    }
    HttpUrl url = HttpUrl.parse(link);
    if (url == null) {
      throw InvalidRelease.because("the download link is neither a magnet nor an http(s) URL");
    }
    return fetch(url, release.indexer() != null ? release.indexer() : url.host());
  }

  private TorrentSource fetch(HttpUrl url, String indexer) {
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
        return TorrentSource.of(Magnet.parse(location), location);
      }
      if (!response.isSuccessful()) {
        throw HttpFailures.forResponse(service, response);
      }
      byte[] body = readBounded(response.body().source());
      String head = new String(body, 0, Math.min(body.length, 8), StandardCharsets.US_ASCII);
      if (Magnet.isMagnet(head)) {
        String magnet = new String(body, StandardCharsets.UTF_8).trim();
        return TorrentSource.of(Magnet.parse(magnet), magnet);
      }
      TorrentFile torrent = TorrentFile.parse(body);
      return new TorrentSource(torrent.infoHash(), torrent.name(), null, body);
    } catch (IOException e) {
      throw HttpFailures.forIo(service, request.method(), url, e);
    }
  }

  private static byte[] readBounded(BufferedSource source) throws IOException {
    if (source.request(MAX_TORRENT_BYTES + 1L)) {
      throw InvalidRelease.because("the download link answered more than 10 MiB: not a .torrent");
    }
    return source.getBuffer().readByteArray();
  }
}
