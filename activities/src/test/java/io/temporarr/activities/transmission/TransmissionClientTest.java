package io.temporarr.activities.transmission;

import static io.temporarr.activities.testing.Failures.assertFailure;
import static io.temporarr.activities.transmission.TransmissionFixtures.MOVIE_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.SHOW_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.conflict;
import static io.temporarr.activities.transmission.TransmissionFixtures.fixture;
import static io.temporarr.activities.transmission.TransmissionFixtures.json;
import static io.temporarr.activities.transmission.TransmissionFixtures.rpc;
import static io.temporarr.activities.transmission.TransmissionFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TransmissionClientTest {

  private static final String MAGNET = "magnet:?xt=urn:btih:" + MOVIE_HASH + "&dn=Sample";

  @StartStop private final MockWebServer server = new MockWebServer();

  private TransmissionClient client(String username, String password, String downloadDir) {
    return new TransmissionClient(
        HttpClients.create(),
        new TransmissionSettings(
            "transmission",
            server.url("/transmission/rpc"),
            username,
            password,
            downloadDir,
            null));
  }

  private TransmissionClient client() {
    return client(null, null, null);
  }

  @Test
  void theFirstCallMeetsA409AndIsResentOnceWithTheSessionIdWhichLaterCallsKeep() throws Exception {
    server.enqueue(conflict("session-1"));
    server.enqueue(fixture("session-get.json"));
    server.enqueue(fixture("torrent-get.json"));
    TransmissionClient client = client();

    client.requireLabels();
    List<TransmissionTorrent> torrents = client.get(List.of(MOVIE_HASH));

    RecordedRequest first = server.takeRequest();
    RecordedRequest resent = server.takeRequest();
    RecordedRequest later = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/transmission/rpc");
    assertThat(first.getHeaders().get(TransmissionClient.SESSION_HEADER)).isNull();
    assertThat(resent.getHeaders().get(TransmissionClient.SESSION_HEADER)).isEqualTo("session-1");
    assertThat(rpc(resent)).isEqualTo(rpc(first));
    assertThat(rpc(resent).get("method").asText()).isEqualTo("session-get");
    assertThat(rpc(resent).at("/arguments/fields/0").asText()).isEqualTo("rpc-version");
    assertThat(later.getHeaders().get(TransmissionClient.SESSION_HEADER)).isEqualTo("session-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(torrents).hasSize(3);
  }

  @Test
  void aNewSessionIdAfterATransmissionRestartReplacesTheOldOne() throws Exception {
    server.enqueue(conflict("old"));
    server.enqueue(fixture("success.json"));
    server.enqueue(conflict("new"));
    server.enqueue(fixture("success.json"));
    TransmissionClient client = client();

    client.remove(List.of(MOVIE_HASH), false);
    client.remove(List.of(MOVIE_HASH), false);

    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get(TransmissionClient.SESSION_HEADER))
        .isEqualTo("old");
    assertThat(server.takeRequest().getHeaders().get(TransmissionClient.SESSION_HEADER))
        .isEqualTo("old");
    assertThat(server.takeRequest().getHeaders().get(TransmissionClient.SESSION_HEADER))
        .isEqualTo("new");
  }

  @Test
  void aSecond409InARowIsFinal() {
    server.enqueue(conflict("a"));
    server.enqueue(conflict("b"));

    assertFailure(() -> client().all(), ErrorTypes.UNEXPECTED_STATUS, false);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void sendsBasicAuthOnEveryRequestAndA401IsNonRetryableUnauthorized() throws Exception {
    server.enqueue(conflict("s"));
    server.enqueue(fixture("success.json"));
    server.enqueue(status(401));
    TransmissionClient client = client("temporarr", "pässword", null);

    client.setLabels(List.of(MOVIE_HASH), List.of("x"));

    String basic = Credentials.basic("temporarr", "pässword", StandardCharsets.UTF_8);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(basic);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(basic);
    assertFailure(() -> client.all(), ErrorTypes.UNAUTHORIZED, false);
  }

  @Test
  void aServerErrorIsRetryable() {
    server.enqueue(status(503));

    assertFailure(() -> client().all(), ErrorTypes.SERVER_ERROR, true);
  }

  @Test
  void addsAMagnetByFilenameInTheConfiguredDownloadDir() throws Exception {
    server.enqueue(fixture("torrent-added.json"));

    TransmissionClient.Added added =
        client(null, null, "/data/torrents")
            .add(new TorrentSource(MOVIE_HASH, "Sample", MAGNET, null));

    assertThat(added)
        .isEqualTo(new TransmissionClient.Added(MOVIE_HASH, "Sample.Movie.2024", false));
    JsonNode body = rpc(server.takeRequest());
    assertThat(body.get("method").asText()).isEqualTo("torrent-add");
    assertThat(body.at("/arguments/filename").asText()).isEqualTo(MAGNET);
    assertThat(body.at("/arguments/download-dir").asText()).isEqualTo("/data/torrents");
    assertThat(body.at("/arguments/paused").asBoolean(true)).isFalse();
    assertThat(body.at("/arguments/metainfo").isMissingNode()).isTrue();
  }

  @Test
  void addsTorrentBytesAsBase64MetainfoAndReportsADuplicate() throws Exception {
    server.enqueue(fixture("torrent-duplicate.json"));
    byte[] torrent = "d4:infod4:name6:Sampleee".getBytes(StandardCharsets.US_ASCII);

    TransmissionClient.Added added =
        client().add(new TorrentSource(MOVIE_HASH, "Sample", null, torrent));

    assertThat(added.duplicate()).isTrue();
    assertThat(added.hash()).isEqualTo(MOVIE_HASH);
    JsonNode body = rpc(server.takeRequest());
    assertThat(Base64.getDecoder().decode(body.at("/arguments/metainfo").asText()))
        .isEqualTo(torrent);
    assertThat(body.at("/arguments/filename").isMissingNode()).isTrue();
    assertThat(body.at("/arguments/download-dir").isMissingNode()).isTrue();
  }

  @Test
  void aRefusedAddIsANonRetryableDownloadRejectedNamingTransmissionsReason() {
    server.enqueue(fixture("torrent-add-corrupt.json"));

    assertFailure(
        () -> client().add(new TorrentSource(MOVIE_HASH, "x", MAGNET, null)),
        ErrorTypes.DOWNLOAD_REJECTED,
        false);
  }

  @Test
  void anyOtherNonSuccessResultIsANonRetryableBadRequest() {
    server.enqueue(json("{\"arguments\":{},\"result\":\"method name not recognized\"}"));

    assertFailure(() -> client().all(), ErrorTypes.BAD_REQUEST, false);
  }

  @Test
  void bodiesThatAreNoRpcAnswerAreNonRetryableMalformedResponses() {
    server.enqueue(json("<html>not json</html>"));
    server.enqueue(json("{\"arguments\":{}}"));
    server.enqueue(json("{\"result\":\"success\",\"arguments\":[]}"));
    server.enqueue(json("{\"result\":\"success\",\"arguments\":{\"torrents\":{}}}"));
    server.enqueue(
        json("{\"result\":\"success\",\"arguments\":{\"torrents\":[{\"name\":\"x\"}]}}"));
    server.enqueue(json("{\"result\":\"success\",\"arguments\":{}}"));
    server.enqueue(json("{\"result\":\"success\",\"arguments\":{}}"));
    TransmissionClient client = client();

    for (int i = 0; i < 5; i++) {
      assertFailure(client::all, ErrorTypes.MALFORMED_RESPONSE, false);
    }
    assertFailure(
        () -> client.add(new TorrentSource(MOVIE_HASH, "x", MAGNET, null)),
        ErrorTypes.MALFORMED_RESPONSE,
        false);
    assertFailure(client::requireLabels, ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void anRpcVersionWithoutLabelsIsAConfigurationErrorAndTheVersionIsCheckedOnce() {
    server.enqueue(json("{\"arguments\":{\"rpc-version\":15},\"result\":\"success\"}"));
    server.enqueue(fixture("session-get.json"));
    TransmissionClient client = client();

    assertFailure(client::requireLabels, ErrorTypes.CONFIGURATION, false);
    client.requireLabels();
    client.requireLabels();

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void readsTheFieldsTemporarrAsksForByHash() throws Exception {
    server.enqueue(fixture("torrent-get.json"));

    List<TransmissionTorrent> torrents = client().get(List.of(MOVIE_HASH, SHOW_HASH));

    JsonNode body = rpc(server.takeRequest());
    assertThat(body.get("method").asText()).isEqualTo("torrent-get");
    assertThat(body.at("/arguments/ids").toString())
        .isEqualTo("[\"" + MOVIE_HASH + "\",\"" + SHOW_HASH + "\"]");
    assertThat(body.at("/arguments/fields")).hasSize(TransmissionClient.FIELDS.size());
    assertThat(torrents.get(0))
        .isEqualTo(
            new TransmissionTorrent(
                MOVIE_HASH,
                "Sample.Movie.2024",
                4,
                0,
                null,
                0.5,
                734003200,
                false,
                "/downloads",
                List.of("media-request:seerr:42"),
                0,
                0));
    assertThat(torrents.get(0).contentPath()).isEqualTo("/downloads/Sample.Movie.2024");
    assertThat(torrents.get(1).hash()).isEqualTo(SHOW_HASH);
    assertThat(torrents.get(1).contentPath()).isEqualTo("/downloads/Some.Show.S01E01");
    assertThat(torrents.get(1).labels()).containsExactly("tv", "media-request:seerr:43:s1");
    assertThat(torrents.get(1).secondsSeeding()).isEqualTo(3600);
  }

  @Test
  void listingEverythingSendsNoIdsAndEmptyHashListsSendNothing() throws Exception {
    server.enqueue(fixture("torrent-get.json"));
    TransmissionClient client = client();

    assertThat(client.get(List.of())).isEmpty();
    client.remove(List.of(), true);
    assertThat(client.all()).hasSize(3);

    JsonNode body = rpc(server.takeRequest());
    assertThat(body.at("/arguments/ids").isMissingNode()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void removesByHashWithOrWithoutItsData() throws Exception {
    server.enqueue(fixture("success.json"));

    client().remove(List.of(MOVIE_HASH), true);

    JsonNode body = rpc(server.takeRequest());
    assertThat(body.get("method").asText()).isEqualTo("torrent-remove");
    assertThat(body.at("/arguments/ids/0").asText()).isEqualTo(MOVIE_HASH);
    assertThat(body.at("/arguments/delete-local-data").asBoolean()).isTrue();
  }

  @Test
  void theRatioToCompareTreatsInfiniteAsMetAndNotAvailableAsZero() {
    TransmissionTorrent infinite =
        new TransmissionTorrent("h", "n", 6, 0, null, 1, 0, false, null, null, -2, 0);
    TransmissionTorrent unknown =
        new TransmissionTorrent("h", "n", 6, 0, null, 1, 0, false, null, null, -1, 0);

    assertThat(infinite.effectiveRatio()).isInfinite();
    assertThat(unknown.effectiveRatio()).isZero();
    assertThat(unknown.contentPath()).isNull();
    assertThat(unknown.labels()).isEmpty();
  }
}
