package io.temporarr.activities.torrent;

import io.temporarr.activities.http.BodyLimit;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.http.LinkGuard;
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
 * <p>Every http(s) link and every redirect it leads to passes the {@link LinkGuard} of the
 * credentials before it is requested (and again when its name is resolved): a link to a private,
 * loopback, link-local or metadata address is never fetched.
 *
 * <p>Failures: {@code InvalidRelease} (non-retryable) for a usenet release, a missing or unusable
 * link, a link or redirect the guard refuses, more than {@value #MAX_REDIRECTS} redirects, a body
 * that is no torrent, or an announced infohash that differs; fetch failures as mapped by {@link
 * HttpFailures}.
 */
public final class TorrentSources {

  /** Far above any real .torrent (a few MB at most); keeps a wrong link from filling the heap. */
  public static final int MAX_TORRENT_BYTES = 10 * 1024 * 1024;

  /** Redirects followed from one download link (OkHttp's own bound is 20). */
  public static final int MAX_REDIRECTS = 10;

  private final OkHttpClient fetcher;
  private final LinkCredentials credentials;
  private final LinkGuard guard;

  /**
   * @param http the shared client
   * @param credentials puts indexer API keys back into redacted .torrent links (they are kept out
   *     of workflow histories)
   */
  public TorrentSources(OkHttpClient http, LinkCredentials credentials) {
    // Redirects are followed here, each hop checked by the guard; its resolver checks the
    // addresses connected to.
    this.guard = credentials.guard();
    this.fetcher = http.newBuilder().followRedirects(false).dns(guard.dns()).build();
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

  private TorrentSource fetch(HttpUrl link, String indexer) {
    String service = "indexer " + indexer;
    HttpUrl url = link;
    for (int redirects = 0; ; redirects++) {
      guard.check(url);
      Request request =
          new Request.Builder()
              .url(credentials.restore(url))
              .header("Accept", "application/x-bittorrent, */*;q=0.8")
              .build();
      // The one call not made through HttpCalls: a 3xx is followed here, and one to a magnet
      // (Prowlarr's download proxy does that) is an answer to read, not a failure.
      try (Response response = fetcher.newCall(request).execute()) {
        if (response.isRedirect()) {
          String location = response.header("Location");
          if (Magnet.isMagnet(location)) {
            return TorrentSource.of(Magnet.parse(location), location);
          }
          HttpUrl next = location == null ? null : url.resolve(location.trim());
          if (next == null) {
            throw InvalidRelease.because("the download link redirects to no http(s) URL");
          }
          if (redirects >= MAX_REDIRECTS) {
            throw InvalidRelease.because(
                "the download link redirects more than " + MAX_REDIRECTS + " times");
          }
          url = next;
          continue;
        }
        if (!response.isSuccessful()) {
          throw HttpFailures.forResponse(service, response);
        }
        return parse(response.body().source());
      } catch (LinkGuard.RefusedAddressException e) {
        throw InvalidRelease.because(e.getMessage());
      } catch (BodyLimit.TooLargeException e) {
        throw InvalidRelease.because("the download link answered " + e.getMessage());
      } catch (IOException e) {
        throw HttpFailures.forIo(service, request.method(), url, e);
      }
    }
  }

  private static TorrentSource parse(BufferedSource source) throws IOException {
    byte[] body = readBounded(source);
    String head = new String(body, 0, Math.min(body.length, 8), StandardCharsets.US_ASCII);
    if (Magnet.isMagnet(head)) {
      String magnet = new String(body, StandardCharsets.UTF_8).trim();
      return TorrentSource.of(Magnet.parse(magnet), magnet);
    }
    TorrentFile torrent = TorrentFile.parse(body);
    return new TorrentSource(torrent.infoHash(), torrent.name(), null, body);
  }

  private static byte[] readBounded(BufferedSource source) throws IOException {
    if (source.request(MAX_TORRENT_BYTES + 1L)) {
      throw InvalidRelease.because("the download link answered more than 10 MiB: not a .torrent");
    }
    return source.getBuffer().readByteArray();
  }
}
