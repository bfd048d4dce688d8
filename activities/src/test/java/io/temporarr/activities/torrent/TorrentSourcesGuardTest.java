package io.temporarr.activities.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.http.LinkGuard;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item 10 of issue 16: a release link (or a redirect) to a private, loopback, link-local or
 * metadata address is refused with a non-retryable {@code InvalidRelease} (so the release is
 * blocklisted) and never fetched. The "internal" service is a loopback test server that would
 * answer with a valid .torrent: its request count proves nothing reached it.
 */
@Timeout(30)
class TorrentSourcesGuardTest {

  /** Stands for the indexer (Prowlarr on the LAN): configured, so its host is allowed. */
  @StartStop public final MockWebServer indexer = new MockWebServer();

  /** Stands for something on the worker's network a link must not reach (qBittorrent's API…). */
  @StartStop public final MockWebServer internal = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();
  private byte[] torrent;

  @BeforeEach
  void loadTorrent() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/torrent/sample.torrent")) {
      torrent = in.readAllBytes();
    }
    internal.enqueue(torrentAnswer());
  }

  private MockResponse torrentAnswer() {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/x-bittorrent")
        .body(new Buffer().write(torrent))
        .build();
  }

  /** Sources as the worker wires them: keys and allowed hosts from the configured indexer. */
  private TorrentSources sources() {
    return new TorrentSources(http, LinkCredentials.of(Map.of(indexer.url("/1/api"), "key")));
  }

  private static Release release(String link) {
    return new Release(
        "guid",
        "Some.Movie.2020.1080p",
        "prowlarr",
        25,
        Protocol.TORRENT,
        link,
        null,
        1,
        1,
        0,
        null,
        List.of(),
        "1080p");
  }

  private ApplicationFailure refusal(TorrentSources sources, String link) {
    return catchThrowableOfType(
        ApplicationFailure.class, () -> sources.resolve(release(link), "qBittorrent"));
  }

  private static void assertInvalidRelease(ApplicationFailure failure) {
    assertThat(failure).isNotNull();
    assertThat(failure.getType()).isEqualTo(ErrorTypes.INVALID_RELEASE);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  private HttpUrl internalByAddress(String path) {
    return new HttpUrl.Builder()
        .scheme("http")
        .host("127.0.0.1")
        .port(internal.getPort())
        .encodedPath(path)
        .build();
  }

  @Test
  void aLinkToALoopbackAddressIsRefusedAndNeverFetched() {
    ApplicationFailure failure = refusal(sources(), internalByAddress("/x.torrent").toString());

    assertInvalidRelease(failure);
    assertThat(failure.getOriginalMessage()).contains("127.0.0.1 is a loopback address");
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void aLinkToANameResolvingToLoopbackIsRefusedUnlessItIsTheIndexersHost() {
    // "localhost" is the indexer's host here, so a separate guard without it shows the name check.
    TorrentSources strict = new TorrentSources(http, LinkCredentials.of(Map.of()));

    assertInvalidRelease(refusal(strict, internal.url("/x.torrent").toString()));
    assertThat(internal.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://10.0.0.7:8080/api/v2/torrents/delete",
        "http://192.168.1.10/x.torrent",
        "http://172.16.0.1/x.torrent",
        "http://100.64.0.1/x.torrent",
        "http://0.0.0.0:8080/x.torrent",
        "http://[::1]/x.torrent",
        "http://[fd00::1]/x.torrent",
        "http://[fe80::1]/x.torrent",
        "http://[::ffff:169.254.169.254]/x.torrent",
        "http://[64:ff9b::a00:1]/x.torrent",
        "http://[2002:a9fe:a9fe::]/x.torrent",
      })
  void linksToPrivateLinkLocalAndMetadataAddressesAreRefused(String link) {
    assertInvalidRelease(refusal(sources(), link));
  }

  @Test
  void aRedirectFromTheAllowedIndexerToAPrivateAddressIsRefusedAndNeverFollowed() {
    indexer.enqueue(
        new MockResponse.Builder()
            .code(302)
            .setHeader("Location", internalByAddress("/steal").toString())
            .build());

    ApplicationFailure failure =
        refusal(sources(), indexer.url("/1/download?apikey=redacted&id=9").toString());

    assertInvalidRelease(failure);
    assertThat(indexer.getRequestCount()).isEqualTo(1);
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void aLinkOnTheConfiguredIndexersHostIsFetched() {
    indexer.enqueue(torrentAnswer());

    TorrentSource source =
        sources().resolve(release(indexer.url("/1/download?id=9").toString()), "qBittorrent");

    assertThat(source.torrent()).isEqualTo(torrent);
  }

  @Test
  void anAllowedRangeLetsALinkThrough() {
    TorrentSources allowing =
        new TorrentSources(
            http, LinkCredentials.of(Map.of(), LinkGuard.allowing(List.of("127.0.0.0/8"))));

    TorrentSource source =
        allowing.resolve(release(internalByAddress("/x.torrent").toString()), "qBittorrent");

    assertThat(source.torrent()).isEqualTo(torrent);
  }

  @Test
  void aNameThatResolvesToAPublicAddressWhenCheckedAndToLoopbackWhenConnectingIsRefused() {
    AtomicInteger lookups = new AtomicInteger();
    Dns rebinding =
        host ->
            List.of(
                InetAddress.getByAddress(
                    host,
                    lookups.getAndIncrement() == 0
                        ? new byte[] {93, (byte) 184, (byte) 216, 34}
                        : new byte[] {127, 0, 0, 1}));
    TorrentSources sources =
        new TorrentSources(
            http, LinkCredentials.of(Map.of(), LinkGuard.allowing(List.of(), rebinding)));

    ApplicationFailure failure =
        refusal(sources, "http://rebind.example:" + internal.getPort() + "/x.torrent");

    assertInvalidRelease(failure);
    assertThat(lookups.get()).isEqualTo(2);
    assertThat(internal.getRequestCount()).isZero();
  }
}
