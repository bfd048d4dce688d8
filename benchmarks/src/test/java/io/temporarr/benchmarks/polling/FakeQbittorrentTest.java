package io.temporarr.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.MainData;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentSettings;
import io.temporarr.activities.qbittorrent.TorrentInfo;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The counting fake, driven by the product's own qBittorrent client. */
@Timeout(30)
class FakeQbittorrentTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
  private static final String MAGNET =
      "magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=Some+Movie";

  private final FakeQbittorrent fake = new FakeQbittorrent();
  private final MockWebServer server = new MockWebServer();
  private QbittorrentClient client;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(fake);
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        new QbittorrentClient(
            HttpClients.create(),
            new QbittorrentSettings("q", server.url("/"), "admin", "pw", null, "movies", null));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void addedMagnetIsListedTaggedAndStuckHalfWay() {
    client.addTorrentUrl(MAGNET, List.of("media-request:bench:1"));

    List<TorrentInfo> listed = client.info(List.of(HASH));

    assertThat(listed).hasSize(1);
    TorrentInfo torrent = listed.get(0);
    assertThat(torrent.hash()).isEqualTo(HASH);
    assertThat(torrent.name()).isEqualTo("Some Movie");
    assertThat(torrent.category()).isEqualTo("movies");
    assertThat(torrent.tags()).containsExactly("media-request:bench:1");
    assertThat(torrent.state()).isEqualTo("stalledDL");
    assertThat(torrent.progress()).isEqualTo(FakeQbittorrent.STUCK_PROGRESS);
    assertThat(fake.hashTagged("media-request:bench:1")).isEqualTo(HASH);
    assertThat(fake.hashesByTag()).containsEntry("media-request:bench:1", HASH);
  }

  @Test
  void countsEveryCallPerEndpointAndLookupsPerHash() {
    client.addTorrentUrl(MAGNET, List.of("t"));
    client.info(List.of(HASH));
    client.info(List.of(HASH));

    assertThat(fake.counts())
        .containsEntry("auth/login", 1L)
        .containsEntry("app/webapiVersion", 1L)
        .containsEntry("torrents/add", 1L)
        .containsEntry("torrents/info", 2L);
    assertThat(fake.lookups(HASH)).isEqualTo(2);

    fake.resetCounts();

    assertThat(fake.counts()).isEmpty();
    assertThat(fake.lookups(HASH)).isZero();
  }

  @Test
  void mainDataIsFullAtRidZeroThenOnlyWhatChanged() {
    fake.put(HASH, "one", "media-request:bench:1");

    MainData full = client.syncMainData(0);
    MainData quiet = client.syncMainData(full.rid());
    fake.completeAll();
    MainData completed = client.syncMainData(quiet.rid());

    assertThat(full.fullUpdate()).isTrue();
    assertThat(full.torrents()).containsOnlyKeys(HASH);
    assertThat(quiet.fullUpdate()).isFalse();
    assertThat(quiet.torrents()).isEmpty();
    assertThat(quiet.rid()).isGreaterThan(full.rid());
    assertThat(completed.torrents()).containsOnlyKeys(HASH);
    assertThat(completed.torrents().get(HASH).path("progress").asDouble()).isEqualTo(1.0);
    assertThat(completed.torrents().get(HASH).path("amount_left").asLong()).isZero();
    assertThat(fake.count(PollingCostBenchmark.MAINDATA)).isEqualTo(3);
  }

  @Test
  void completingSomeTorrentsReportsOnlyThose() {
    String other = "1111111111111111111111111111111111111111";
    fake.put(HASH, "one", "t1");
    fake.put(other, "two", "t2");
    MainData full = client.syncMainData(0);

    fake.complete(List.of(HASH.toUpperCase(), "ffffffffffffffffffffffffffffffffffffffff"));
    MainData next = client.syncMainData(full.rid());

    assertThat(next.torrents()).containsOnlyKeys(HASH);
    assertThat(client.info(List.of(HASH)).get(0).progress()).isEqualTo(1.0);
    assertThat(client.info(List.of(other)).get(0).progress())
        .isEqualTo(FakeQbittorrent.STUCK_PROGRESS);
  }

  @Test
  void unknownRidAnswersAFullUpdate() {
    fake.put(HASH, "one", "t");

    MainData answer = client.syncMainData(987_654);

    assertThat(answer.fullUpdate()).isTrue();
    assertThat(answer.torrents()).containsOnlyKeys(HASH);
  }

  @Test
  void callsWithoutTheSessionCookieAreForbidden() throws Exception {
    OkHttpClient plain = HttpClients.create();
    try (Response response =
        plain
            .newCall(new Request.Builder().url(server.url("/api/v2/torrents/info")).build())
            .execute()) {
      assertThat(response.code()).isEqualTo(403);
    }
    assertThat(fake.counts()).isEqualTo(Map.of("torrents/info", 1L));
  }

  @Test
  void magnetWithoutHexHashIsNotUnderstood() {
    assertThat(FakeQbittorrent.magnet("magnet:?xt=urn:btih:TOOSHORT")).isEmpty();
    assertThat(FakeQbittorrent.magnet("http://example.org/file.torrent")).isEmpty();
    assertThat(FakeQbittorrent.magnet(MAGNET))
        .containsEntry("hash", HASH)
        .containsEntry("name", "Some Movie");
  }
}
