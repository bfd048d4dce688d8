package io.temporarr.activities.qbittorrent;

import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.MOVIE_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.SHOW_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.fixture;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.form;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.json;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.loginOk;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.multipart;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.status;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.testing.Failures;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QbittorrentClientTest {

  private static final String MAGNET =
      "magnet:?xt=urn:btih:" + MOVIE_HASH + "&dn=Sample.Movie.2024";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = HttpClients.create();

  private QbittorrentClient withLogin() {
    return new QbittorrentClient(
        http,
        new QbittorrentSettings(
            "qbittorrent", server.url("/"), "admin", "s3cret!", null, "temporarr", null));
  }

  private QbittorrentClient withoutLogin() {
    return new QbittorrentClient(
        http, QbittorrentSettings.withoutLogin("qbittorrent", server.url("/"), "temporarr"));
  }

  @Test
  void logsInOnceAndReusesTheSessionCookieForEveryCall() throws Exception {
    server.enqueue(loginOk("SID=dOj8pI2CdDcG"));
    server.enqueue(fixture("torrents-info.json"));
    server.enqueue(fixture("torrents-info.json"));
    server.enqueue(json("[]"));
    QbittorrentClient client = withLogin();

    client.info(List.of(MOVIE_HASH));
    client.info(List.of(SHOW_HASH));
    client.info(List.of(MOVIE_HASH, SHOW_HASH));

    RecordedRequest login = server.takeRequest();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getUrl().encodedPath()).isEqualTo("/api/v2/auth/login");
    assertThat(login.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(form(login))
        .containsExactly(Map.entry("username", "admin"), Map.entry("password", "s3cret!"));
    for (int call = 0; call < 3; call++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
      assertThat(request.getHeaders().get("Cookie")).isEqualTo("SID=dOj8pI2CdDcG");
      // qBittorrent answers 401 when Origin/Referer do not match its host: send neither.
      assertThat(request.getHeaders().get("Origin")).isNull();
      assertThat(request.getHeaders().get("Referer")).isNull();
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(client.session()).isEqualTo(1);
  }

  @Test
  void keepsA52SessionCookieWhateverItsName() throws Exception {
    server.enqueue(loginOk("QBT_SID_8080=Zm9vYmFy"));
    server.enqueue(json("[]"));

    withLogin().info(List.of(MOVIE_HASH));

    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Cookie")).isEqualTo("QBT_SID_8080=Zm9vYmFy");
  }

  @Test
  void logsInAgainAfterA403AndRepeatsTheCallOnce() throws Exception {
    server.enqueue(loginOk("SID=first"));
    server.enqueue(status(403));
    server.enqueue(loginOk("SID=second"));
    server.enqueue(fixture("torrents-info.json"));
    QbittorrentClient client = withLogin();

    List<TorrentInfo> torrents = client.info(List.of(MOVIE_HASH));

    assertThat(torrents).extracting(TorrentInfo::hash).containsExactly(MOVIE_HASH, SHOW_HASH);
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Cookie")).isEqualTo("SID=first");
    RecordedRequest relogin = server.takeRequest();
    assertThat(relogin.getUrl().encodedPath()).isEqualTo("/api/v2/auth/login");
    assertThat(relogin.getHeaders().get("Cookie")).isNull();
    RecordedRequest retried = server.takeRequest();
    assertThat(retried.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(retried.getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    assertThat(retried.getHeaders().get("Cookie")).isEqualTo("SID=second");
    assertThat(client.session()).isEqualTo(2);
  }

  @Test
  void a403RightAfterLoggingInAgainIsFinal() {
    server.enqueue(loginOk("SID=first"));
    server.enqueue(status(403));
    server.enqueue(loginOk("SID=second"));
    server.enqueue(status(403));

    assertFailure(() -> withLogin().info(List.of(MOVIE_HASH)), ErrorTypes.FORBIDDEN, false);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void badCredentialsAnsweredFailsBeforeWebApi214AreUnauthorized() throws Exception {
    server.enqueue(text("Fails."));

    assertThatThrownBy(() -> withLogin().info(List.of(MOVIE_HASH)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).doesNotContain("s3cret!");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void badCredentialsAnswered401FromWebApi214AreUnauthorized() {
    server.enqueue(status(401));

    assertFailure(() -> withLogin().info(List.of(MOVIE_HASH)), ErrorTypes.UNAUTHORIZED, false);
  }

  @Test
  void aLoginAnswered403MeansThisIpIsBanned() {
    server.enqueue(status(403));

    assertThatThrownBy(() -> withLogin().info(List.of(MOVIE_HASH)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.FORBIDDEN);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("banned");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLoginAnswerThatIsNeitherOkNorFailsIsMalformed() {
    server.enqueue(text("<html>proxy login</html>"));

    assertFailure(
        () -> withLogin().info(List.of(MOVIE_HASH)), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void withoutCredentialsNeverLogsInAndA403IsForbidden() throws Exception {
    server.enqueue(json("[]"));
    server.enqueue(status(403));
    QbittorrentClient client = withoutLogin();

    assertThat(client.info(List.of(MOVIE_HASH))).isEmpty();
    assertFailure(() -> client.info(List.of(MOVIE_HASH)), ErrorTypes.FORBIDDEN, false);

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(client.session()).isZero();
  }

  @Test
  void anApiKeyIsSentAsBearerInsteadOfLoggingIn() throws Exception {
    server.enqueue(json("[]"));
    QbittorrentClient client =
        new QbittorrentClient(
            http,
            new QbittorrentSettings(
                "qbittorrent", server.url("/"), null, null, "qbt_k3y", "temporarr", null));

    client.info(List.of(MOVIE_HASH));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer qbt_k3y");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void webApi2_8UsesPauseAndResumeAndReadsTheVersionOnce() throws Exception {
    server.enqueue(text("2.8.19"));
    server.enqueue(status(200));
    server.enqueue(status(200));
    QbittorrentClient client = withoutLogin();

    client.stop(List.of(MOVIE_HASH, SHOW_HASH));
    client.start(List.of(MOVIE_HASH));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/app/webapiVersion");
    RecordedRequest pause = server.takeRequest();
    assertThat(pause.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/pause");
    assertThat(form(pause)).containsEntry("hashes", MOVIE_HASH + "|" + SHOW_HASH);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/resume");
    assertThat(client.webApiVersion()).isEqualTo("2.8.19");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void webApi2_11UsesStopAndStart() throws Exception {
    server.enqueue(text("2.11.2"));
    server.enqueue(status(200));
    server.enqueue(status(200));
    QbittorrentClient client = withoutLogin();

    client.stop(List.of(MOVIE_HASH));
    client.start(List.of(MOVIE_HASH));

    server.takeRequest();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/stop");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/start");
  }

  @Test
  void anUnreadableVersionIsMalformed() {
    server.enqueue(text("<html>"));

    assertFailure(
        () -> withoutLogin().stop(List.of(MOVIE_HASH)), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void theVersionIsReadAgainAfterANewLogin() throws Exception {
    server.enqueue(loginOk("SID=first"));
    server.enqueue(text("2.8.19"));
    server.enqueue(status(200));
    server.enqueue(status(403));
    server.enqueue(loginOk("SID=second"));
    server.enqueue(status(200));
    server.enqueue(text("2.11.0"));
    server.enqueue(status(200));
    QbittorrentClient client = withLogin();

    client.stop(List.of(MOVIE_HASH));
    client.stop(List.of(MOVIE_HASH));
    client.stop(List.of(MOVIE_HASH));

    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      paths.add(server.takeRequest().getUrl().encodedPath());
    }
    assertThat(paths)
        .containsExactly(
            "/api/v2/auth/login",
            "/api/v2/app/webapiVersion",
            "/api/v2/torrents/pause",
            "/api/v2/torrents/pause",
            "/api/v2/auth/login",
            "/api/v2/torrents/pause",
            "/api/v2/app/webapiVersion",
            "/api/v2/torrents/stop");
  }

  @Test
  void aMagnetGoesInTheUrlsFieldWithTagsCategoryAndPausedFalseBeforeWebApi2_11() throws Exception {
    server.enqueue(text("2.8.19"));
    server.enqueue(fixture("add-ok-v4.txt"));

    withoutLogin().addTorrentUrl(MAGNET, List.of("media-request:seerr:42"));

    server.takeRequest();
    RecordedRequest add = server.takeRequest();
    assertThat(add.getMethod()).isEqualTo("POST");
    assertThat(add.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/add");
    assertThat(add.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    Map<String, QbittorrentFixtures.Part> parts = multipart(add);
    assertThat(parts.keySet()).containsExactly("urls", "tags", "category", "paused");
    assertThat(parts.get("urls").text()).isEqualTo(MAGNET);
    assertThat(parts.get("tags").text()).isEqualTo("media-request:seerr:42");
    assertThat(parts.get("category").text()).isEqualTo("temporarr");
    assertThat(parts.get("paused").text()).isEqualTo("false");
  }

  @Test
  void aTorrentFileGoesInATorrentsFilePartWithStoppedFalseFromWebApi2_11() throws Exception {
    server.enqueue(text("2.11.2"));
    server.enqueue(fixture("add-v5.json"));
    byte[] torrent = QbittorrentFixtures.bytes("/torrent/sample.torrent");
    QbittorrentClient client =
        new QbittorrentClient(
            http,
            new QbittorrentSettings(
                "qbittorrent", server.url("/"), null, null, null, null, "/data/incoming"));

    client.addTorrentFile(MOVIE_HASH + ".torrent", torrent, List.of("media-request:seerr:42"));

    server.takeRequest();
    Map<String, QbittorrentFixtures.Part> parts = multipart(server.takeRequest());
    assertThat(parts.keySet()).containsExactly("torrents", "tags", "savepath", "stopped");
    assertThat(parts.get("torrents").fileName()).isEqualTo(MOVIE_HASH + ".torrent");
    assertThat(parts.get("torrents").contentType()).isEqualTo("application/x-bittorrent");
    assertThat(parts.get("torrents").content()).isEqualTo(torrent);
    assertThat(parts.get("savepath").text()).isEqualTo("/data/incoming");
    assertThat(parts.get("stopped").text()).isEqualTo("false");
  }

  @Test
  void failsBeforeWebApi2_14IsDownloadRejected() {
    server.enqueue(text("2.8.19"));
    server.enqueue(text("Fails."));

    assertFailure(
        () -> withoutLogin().addTorrentUrl(MAGNET, List.of()), ErrorTypes.DOWNLOAD_REJECTED, false);
  }

  @Test
  void aFailureCountFromWebApi2_14IsDownloadRejected() {
    server.enqueue(text("2.14.0"));
    server.enqueue(fixture("add-v5-failed.json"));

    assertFailure(
        () -> withoutLogin().addTorrentUrl(MAGNET, List.of()), ErrorTypes.DOWNLOAD_REJECTED, false);
  }

  @Test
  void anInvalidTorrentFileAnswered415IsDownloadRejected() {
    server.enqueue(text("2.8.19"));
    server.enqueue(status(415));

    assertFailure(
        () -> withoutLogin().addTorrentFile("x.torrent", new byte[] {'x'}, List.of()),
        ErrorTypes.DOWNLOAD_REJECTED,
        false);
  }

  @Test
  void anAddAnswerThatIsNeitherTextNorCountsIsMalformed() {
    server.enqueue(text("2.14.0"));
    server.enqueue(json("{\"added\":true}"));

    assertFailure(
        () -> withoutLogin().addTorrentUrl(MAGNET, List.of()),
        ErrorTypes.MALFORMED_RESPONSE,
        false);
  }

  @Test
  void infoAsksByHashesAndReadsTheFieldsTemporarrUses() throws Exception {
    server.enqueue(fixture("torrents-info.json"));

    List<TorrentInfo> torrents = withoutLogin().info(List.of(MOVIE_HASH, SHOW_HASH));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(request.getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH + "|" + SHOW_HASH);
    assertThat(torrents)
        .containsExactly(
            new TorrentInfo(
                MOVIE_HASH,
                "Sample.Movie.2024",
                "downloading",
                0.5,
                734003200,
                1468006400,
                "temporarr",
                List.of("media-request:seerr:42"),
                "/downloads/",
                "/downloads/Sample.Movie.2024/Sample.Movie.2024.mkv",
                0,
                0),
            new TorrentInfo(
                SHOW_HASH,
                "Some.Show.S01E01",
                "uploading",
                1.0,
                0,
                734003200,
                "temporarr",
                List.of("media-request:seerr:43:s1", "tv"),
                "/downloads/",
                "/downloads/Some.Show.S01E01/Some.Show.S01E01.mkv",
                0.4,
                0));
  }

  @Test
  void readsTheCommaJoinedTagsOf5xAndUpperCaseHashes() {
    server.enqueue(
        json(
            "[{\"hash\":\"" + MOVIE_HASH.toUpperCase() + "\",\"tags\":\"tv,media-request:x:1\"}]"));

    TorrentInfo torrent = withoutLogin().info(List.of(MOVIE_HASH)).get(0);

    assertThat(torrent.hash()).isEqualTo(MOVIE_HASH);
    assertThat(torrent.tags()).containsExactly("tv", "media-request:x:1");
    assertThat(torrent.name()).isNull();
    assertThat(torrent.progress()).isZero();
  }

  @Test
  void noHashesMeansNoCallBecauseAnEmptyFilterListsEveryTorrent() {
    assertThat(withoutLogin().info(List.of())).isEmpty();
    withoutLogin().delete(List.of(), true);

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void filesListsNamesSizesAndProgress() throws Exception {
    server.enqueue(fixture("torrents-files.json"));

    List<TorrentContentFile> files = withoutLogin().files(MOVIE_HASH);

    assertThat(server.takeRequest().getUrl().queryParameter("hash")).isEqualTo(MOVIE_HASH);
    assertThat(files)
        .containsExactly(
            new TorrentContentFile(
                0, "Sample.Movie.2024/Sample.Movie.2024.mkv", 1468000000, 0.5, 1),
            new TorrentContentFile(1, "Sample.Movie.2024/Sample.Movie.2024.nfo", 6400, 0, 0));
  }

  @Test
  void filesOfAnUnknownHashIsNotFound() {
    server.enqueue(status(404));

    assertFailure(() -> withoutLogin().files(MOVIE_HASH), ErrorTypes.NOT_FOUND, false);
  }

  @Test
  void syncMainDataReturnsThePartialObjectsAsSent() throws Exception {
    server.enqueue(fixture("maindata-partial.json"));

    MainData data = withoutLogin().syncMainData(1);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/sync/maindata");
    assertThat(request.getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(data.rid()).isEqualTo(2);
    assertThat(data.fullUpdate()).isFalse();
    assertThat(data.torrents().get(MOVIE_HASH).properties().stream().map(Map.Entry::getKey))
        .containsExactlyInAnyOrder(
            "amount_left", "completed", "downloaded", "dlspeed", "eta", "progress");
    assertThat(data.torrentsRemoved()).isEmpty();
  }

  @Test
  void syncMainDataReadsRemovedHashesAndFullUpdates() {
    server.enqueue(fixture("maindata-removed.json"));
    server.enqueue(fixture("maindata-full.json"));
    QbittorrentClient client = withoutLogin();

    MainData removed = client.syncMainData(2);
    MainData full = client.syncMainData(0);

    assertThat(removed.torrentsRemoved()).containsExactly(SHOW_HASH);
    assertThat(full.fullUpdate()).isTrue();
    assertThat(full.rid()).isEqualTo(1);
    assertThat(full.torrents()).hasSize(3);
  }

  @Test
  void deletePostsHashesAndWhetherToDeleteFiles() throws Exception {
    server.enqueue(status(200));

    withoutLogin().delete(List.of(MOVIE_HASH, SHOW_HASH), true);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/delete");
    assertThat(form(request))
        .containsExactly(
            Map.entry("hashes", MOVIE_HASH + "|" + SHOW_HASH), Map.entry("deleteFiles", "true"));
  }

  @Test
  void addTagsPostsCommaJoinedTags() throws Exception {
    server.enqueue(status(200));

    withoutLogin().addTags(List.of(MOVIE_HASH), List.of("media-request:seerr:42", "tv"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addTags");
    assertThat(form(request))
        .containsExactly(
            Map.entry("hashes", MOVIE_HASH), Map.entry("tags", "media-request:seerr:42,tv"));
  }

  @Test
  void addPeersPostsPipeJoinedPeers() throws Exception {
    server.enqueue(json("{\"" + MOVIE_HASH + "\":{\"added\":2,\"failed\":0}}"));

    withoutLogin().addPeers(List.of(MOVIE_HASH), List.of("127.0.0.1:6881", "[::1]:6881"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addPeers");
    assertThat(form(request))
        .containsExactly(
            Map.entry("hashes", MOVIE_HASH), Map.entry("peers", "127.0.0.1:6881|[::1]:6881"));
  }

  @Test
  void aBaseUrlWithAReverseProxyPrefixKeepsIt() throws Exception {
    server.enqueue(json("[]"));
    QbittorrentClient client =
        new QbittorrentClient(
            http, QbittorrentSettings.withoutLogin("qbittorrent", server.url("/qbt"), null));

    client.info(List.of(MOVIE_HASH));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/qbt/api/v2/torrents/info");
  }

  @Test
  void malformedJsonIsANonRetryableMalformedResponse() {
    for (String body :
        List.of(
            "[{\"hash\":",
            "",
            "{\"not\":\"a list\"}",
            "[{\"name\":\"no hash\"}]",
            "[42]",
            "<html>502 Bad Gateway</html>")) {
      server.enqueue(json(body));
      assertFailure(
          () -> withoutLogin().info(List.of(MOVIE_HASH)), ErrorTypes.MALFORMED_RESPONSE, false);
    }
  }

  @Test
  void malformedMainDataIsANonRetryableMalformedResponse() {
    for (String body :
        List.of(
            "{\"full_update\":true}",
            "{\"rid\":\"two\"}",
            "[]",
            "{\"rid\":2,\"torrents\":[]}",
            "{\"rid\":2,\"torrents\":{\"" + MOVIE_HASH + "\":7}}",
            "{\"rid\":2,\"torrents_removed\":{}}",
            "{\"rid\":2,\"torrents_removed\":[1]}")) {
      server.enqueue(json(body));
      assertFailure(() -> withoutLogin().syncMainData(1), ErrorTypes.MALFORMED_RESPONSE, false);
    }
  }

  @Test
  void malformedFileListsAreNonRetryableMalformedResponses() {
    server.enqueue(json("{}"));
    server.enqueue(json("[{\"size\":1}]"));
    QbittorrentClient client = withoutLogin();

    assertFailure(() -> client.files(MOVIE_HASH), ErrorTypes.MALFORMED_RESPONSE, false);
    assertFailure(() -> client.files(MOVIE_HASH), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void serverErrorsAreRetryable() {
    server.enqueue(status(500));
    server.enqueue(status(503));
    QbittorrentClient client = withoutLogin();

    assertFailure(() -> client.info(List.of(MOVIE_HASH)), ErrorTypes.SERVER_ERROR, true);
    assertFailure(() -> client.syncMainData(0), ErrorTypes.SERVER_ERROR, true);
  }

  static void assertFailure(ThrowingCallable call, String type, boolean retryable) {
    Failures.assertFailure(call, type, retryable);
  }
}
