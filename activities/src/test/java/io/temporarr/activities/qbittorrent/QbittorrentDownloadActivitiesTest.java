package io.temporarr.activities.qbittorrent;

import static io.temporarr.activities.qbittorrent.QbittorrentClientTest.assertFailure;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.MOVIE_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.NEW_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.SHOW_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.UNTAGGED_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.fixture;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.form;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.json;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.loginOk;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.multipart;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.status;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.torrent.TorrentDownloadActivities;
import io.temporarr.activities.torrent.TorrentSources;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QbittorrentDownloadActivitiesTest {

  private static final String CLIENT = "qbittorrent";
  private static final String WORKFLOW = "media-request:seerr:42";
  private static final String OTHER_WORKFLOW = "media-request:radarr:7";
  private static final String MAGNET =
      "magnet:?xt=urn:btih:" + MOVIE_HASH + "&dn=Sample.Movie.2024&tr=udp%3A%2F%2Ft.example%3A1";
  private static final String ADOPTED = TorrentDownloadActivities.ADOPTED_MARK;
  private static final String LISTED =
      "[{\"hash\":\""
          + MOVIE_HASH
          + "\",\"name\":\"Sample.Movie.2024\",\"state\":\"metaDL\",\"progress\":0,"
          + "\"amount_left\":0,\"category\":\"temporarr\",\"tags\":\"media-request:seerr:42\"}]";

  @StartStop private final MockWebServer qbittorrent = new MockWebServer();
  @StartStop private final MockWebServer indexer = new MockWebServer();
  private final OkHttpClient http = HttpClients.create();

  private QbittorrentDownloadActivities activities(QbittorrentSettings settings) {
    return new QbittorrentDownloadActivities(
            Map.of(CLIENT, new QbittorrentClient(http, settings)),
            http,
            Duration.ofMillis(300),
            Duration.ofMillis(20))
        .withCaller(() -> WORKFLOW);
  }

  /** A {@code torrents/info} answer listing the movie with these tags, in Temporarr's category. */
  private static MockResponse movieTagged(String tags) {
    return movieTagged("temporarr", tags);
  }

  /** A {@code torrents/info} answer listing the movie in a category with these tags. */
  private static MockResponse movieTagged(String category, String tags) {
    return json(
        "[{\"hash\":\""
            + MOVIE_HASH
            + "\",\"name\":\"Sample.Movie.2024\",\"state\":\"stalledUP\",\"progress\":1,"
            + "\"amount_left\":0,\"category\":\""
            + category
            + "\",\"tags\":\""
            + tags
            + "\"}]");
  }

  private QbittorrentDownloadActivities activities() {
    return activities(QbittorrentSettings.withoutLogin(CLIENT, qbittorrent.url("/"), "temporarr"));
  }

  private QbittorrentDownloadActivities activitiesWithLogin() {
    return activities(
        new QbittorrentSettings(
            CLIENT, qbittorrent.url("/"), "admin", "s3cret!", null, "temporarr", null));
  }

  private static AddDownloadRequest add(String link, String announcedHash) {
    return new AddDownloadRequest(
        WORKFLOW,
        CLIENT,
        new Release(
            "guid-1",
            "Sample.Movie.2024.1080p.WEB-DL",
            "prowlarr",
            25,
            Protocol.TORRENT,
            link,
            announcedHash,
            1468006400L,
            12,
            3,
            "Tue, 10 Sep 2024 10:00:00 +0000",
            List.of(2040),
            "1080p"));
  }

  // --- addDownload ---------------------------------------------------------------------------

  @Test
  void addsAMagnetTaggedWithTheWorkflowAndWaitsUntilItIsListed() throws Exception {
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(text("2.8.19"));
    qbittorrent.enqueue(fixture("add-ok-v4.txt"));
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(json(LISTED));

    DownloadHandle handle = activities().addDownload(add(MAGNET, MOVIE_HASH.toUpperCase()));

    assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024"));
    RecordedRequest existing = qbittorrent.takeRequest();
    assertThat(existing.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(existing.getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/v2/app/webapiVersion");
    Map<String, QbittorrentFixtures.Part> parts = multipart(qbittorrent.takeRequest());
    assertThat(parts.get("urls").text()).isEqualTo(MAGNET);
    assertThat(parts.get("tags").text()).isEqualTo(WORKFLOW);
    assertThat(parts.get("category").text()).isEqualTo("temporarr");
    assertThat(parts.get("paused").text()).isEqualTo("false");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(5);
  }

  @Test
  void addsATorrentLinkAsAFilePartUnderTheHashItComputed() throws Exception {
    byte[] torrent = QbittorrentFixtures.bytes("/torrent/sample.torrent");
    indexer.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-bittorrent")
            .body(new Buffer().write(torrent))
            .build());
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(text("2.11.2"));
    qbittorrent.enqueue(fixture("add-v5.json"));
    qbittorrent.enqueue(json(LISTED));

    DownloadHandle handle =
        activities().addDownload(add(indexer.url("/1/download?apikey=k&id=9").toString(), null));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
    RecordedRequest fetch = indexer.takeRequest();
    assertThat(fetch.getUrl().encodedPath()).isEqualTo("/1/download");
    assertThat(fetch.getHeaders().get("Accept")).startsWith("application/x-bittorrent");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    qbittorrent.takeRequest();
    Map<String, QbittorrentFixtures.Part> parts = multipart(qbittorrent.takeRequest());
    assertThat(parts).doesNotContainKey("urls");
    assertThat(parts.get("torrents").content()).isEqualTo(torrent);
    assertThat(parts.get("torrents").fileName()).isEqualTo(MOVIE_HASH + ".torrent");
    assertThat(parts.get("tags").text()).isEqualTo(WORKFLOW);
    assertThat(parts.get("stopped").text()).isEqualTo("false");
  }

  @Test
  void aRedactedIndexerKeyIsPutBackOnlyWhenFetchingFromThatIndexer() throws Exception {
    indexer.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-bittorrent")
            .body(new Buffer().write(QbittorrentFixtures.bytes("/torrent/sample.torrent")))
            .build());
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(text("2.8.19"));
    qbittorrent.enqueue(text("Ok."));
    qbittorrent.enqueue(json(LISTED));
    QbittorrentDownloadActivities withKeys =
        new QbittorrentDownloadActivities(
            Map.of(
                CLIENT,
                new QbittorrentClient(
                    HttpClients.create(),
                    QbittorrentSettings.withoutLogin(CLIENT, qbittorrent.url("/"), "temporarr"))),
            HttpClients.create(),
            LinkCredentials.of(Map.of(indexer.url("/1/api"), "real-key")));

    withKeys.addDownload(add(indexer.url("/1/download?apikey=redacted&id=9").toString(), null));

    assertThat(indexer.takeRequest().getUrl().queryParameter("apikey")).isEqualTo("real-key");
  }

  @Test
  void aRedirectToAMagnetIsReadNotFollowed() throws Exception {
    indexer.enqueue(new MockResponse.Builder().code(302).setHeader("Location", MAGNET).build());
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(text("2.8.19"));
    qbittorrent.enqueue(text("Ok."));
    qbittorrent.enqueue(json(LISTED));

    DownloadHandle handle =
        activities().addDownload(add(indexer.url("/api/v1/indexer/1/download").toString(), null));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
    assertThat(indexer.getRequestCount()).isEqualTo(1);
    qbittorrent.takeRequest();
    qbittorrent.takeRequest();
    assertThat(multipart(qbittorrent.takeRequest()).get("urls").text()).isEqualTo(MAGNET);
  }

  @Test
  void anHttpRedirectIsFollowedToTheTorrent() throws Exception {
    indexer.enqueue(
        new MockResponse.Builder()
            .code(301)
            .setHeader("Location", "/files/sample.torrent")
            .build());
    indexer.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(QbittorrentFixtures.bytes("/torrent/sample.torrent")))
            .build());
    qbittorrent.enqueue(json(LISTED));

    DownloadHandle handle =
        activities().addDownload(add(indexer.url("/download/9").toString(), MOVIE_HASH));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
    indexer.takeRequest();
    assertThat(indexer.takeRequest().getUrl().encodedPath()).isEqualTo("/files/sample.torrent");
  }

  @Test
  void aLinkAnsweringWithMagnetTextIsReadAsThatMagnet() throws Exception {
    indexer.enqueue(text(MAGNET + "\n"));
    qbittorrent.enqueue(json(LISTED));

    DownloadHandle handle = activities().addDownload(add(indexer.url("/dl").toString(), null));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
  }

  @Test
  void aTorrentAlreadyInTheClientIsTaggedAndReturnedInsteadOfAddedTwice() throws Exception {
    qbittorrent.enqueue(fixture("torrents-info-v5-stopped.json"));
    DownloadHandle first = activities().addDownload(add(MAGNET, null));
    qbittorrent.enqueue(
        json(
            "[{\"hash\":\""
                + MOVIE_HASH
                + "\",\"name\":\"Sample.Movie.2024\",\"category\":\"temporarr\","
                + "\"tags\":\"media-request:seerr:7, tv\"}]"));
    qbittorrent.enqueue(status(200));

    DownloadHandle second = activities().addDownload(add(MAGNET, null));

    assertThat(first).isEqualTo(new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024"));
    assertThat(second).isEqualTo(first);
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    RecordedRequest tag = qbittorrent.takeRequest();
    assertThat(tag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addTags");
    assertThat(form(tag)).containsEntry("hashes", MOVIE_HASH).containsEntry("tags", WORKFLOW);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTorrentTheUserAddedIsMarkedAdoptedWithTheRequestsTagInOneEditAndNeverDeleted()
      throws Exception {
    // Radarr's: its own category and tag; then one of the user's own, uncategorised, untagged.
    qbittorrent.enqueue(movieTagged("radarr", "radarr"));
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(movieTagged("", ""));
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(movieTagged("", ADOPTED));

    activities().addDownload(add(MAGNET, null));
    activities().addDownload(add(MAGNET, null));
    activities().removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH, "x"), true);

    qbittorrent.takeRequest();
    assertThat(form(qbittorrent.takeRequest()))
        .containsEntry("hashes", MOVIE_HASH)
        .containsEntry("tags", ADOPTED + "," + WORKFLOW);
    qbittorrent.takeRequest();
    assertThat(form(qbittorrent.takeRequest())).containsEntry("tags", ADOPTED + "," + WORKFLOW);
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/v2/torrents/removeTags");
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aTorrentAnotherRequestAddedSinceTheLookUpIsSharedInsteadOfRejected() throws Exception {
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(text("2.8.19"));
    // qBittorrent refuses a torrent it holds already ("Fails." before WebAPI 2.14).
    qbittorrent.enqueue(text("Fails."));
    qbittorrent.enqueue(movieTagged(OTHER_WORKFLOW));
    qbittorrent.enqueue(status(200));

    DownloadHandle handle = activities().addDownload(add(MAGNET, null));

    assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024"));
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    qbittorrent.takeRequest();
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/add");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    RecordedRequest tag = qbittorrent.takeRequest();
    assertThat(tag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addTags");
    assertThat(form(tag)).containsEntry("hashes", MOVIE_HASH).containsEntry("tags", WORKFLOW);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aRefusedTorrentThatIsNotListedStaysRejected() {
    assertRejectedWhenNeverListed("Fails.");
  }

  @Test
  void anAddedTorrentThatNeverShowsUpIsRejected() {
    assertRejectedWhenNeverListed("Ok.");
  }

  /** qBittorrent answers the add with {@code addAnswer} and never lists the torrent. */
  private void assertRejectedWhenNeverListed(String addAnswer) {
    qbittorrent.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return switch (request.getUrl().encodedPath()) {
              case "/api/v2/app/webapiVersion" -> text("2.8.19");
              case "/api/v2/torrents/add" -> text(addAnswer);
              default -> json("[]");
            };
          }
        });

    assertFailure(
        () -> activities().addDownload(add(MAGNET, null)), ErrorTypes.DOWNLOAD_REJECTED, false);
    assertThat(qbittorrent.getRequestCount()).isGreaterThan(4);
  }

  @Test
  void anAnnouncedInfohashThatDiffersFromTheTorrentsIsAnInvalidRelease() {
    assertFailure(
        () -> activities().addDownload(add(MAGNET, SHOW_HASH)), ErrorTypes.INVALID_RELEASE, false);
    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  @Test
  void unusableLinksAreInvalidReleases() {
    for (String link :
        List.of(" ", "ftp://example.com/x.torrent", "magnet:?dn=no-hash", "not a link")) {
      assertFailure(
          () -> activities().addDownload(add(link, null)), ErrorTypes.INVALID_RELEASE, false);
    }
    Release nzb = add(MAGNET, null).release();
    AddDownloadRequest asUsenet =
        new AddDownloadRequest(
            WORKFLOW,
            CLIENT,
            new Release(
                nzb.guid(),
                nzb.title(),
                nzb.indexer(),
                nzb.indexerPriority(),
                Protocol.USENET,
                "http://example.com/x.nzb",
                null,
                nzb.sizeBytes(),
                0,
                0,
                nzb.publishedAt(),
                nzb.categories(),
                nzb.quality()));
    assertFailure(() -> activities().addDownload(asUsenet), ErrorTypes.INVALID_RELEASE, false);
    assertFailure(
        () -> activities().addDownload(new AddDownloadRequest(WORKFLOW, CLIENT, null)),
        ErrorTypes.INVALID_RELEASE,
        false);
    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  @Test
  void whatTheLinkServesDecidesFetchFailures() {
    indexer.enqueue(status(404));
    indexer.enqueue(status(502));
    indexer.enqueue(text("<!DOCTYPE html><html>Please log in</html>"));
    indexer.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(new byte[TorrentSources.MAX_TORRENT_BYTES + 1]))
            .build());
    String link = indexer.url("/dl").toString();

    assertFailure(() -> activities().addDownload(add(link, null)), ErrorTypes.NOT_FOUND, false);
    assertFailure(() -> activities().addDownload(add(link, null)), ErrorTypes.SERVER_ERROR, true);
    assertFailure(
        () -> activities().addDownload(add(link, null)), ErrorTypes.INVALID_RELEASE, false);
    assertFailure(
        () -> activities().addDownload(add(link, null)), ErrorTypes.INVALID_RELEASE, false);
    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  @Test
  void anUnreachableLinkIsARetryableNetworkError() throws Exception {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String link = gone.url("/dl").toString();
    gone.close();

    assertFailure(() -> activities().addDownload(add(link, null)), ErrorTypes.NETWORK_ERROR, true);
  }

  @Test
  void badRequestsAndUnknownClientsFailWithoutCallingAnything() {
    assertFailure(
        () -> activities().addDownload(new AddDownloadRequest(" ", CLIENT, null)),
        ErrorTypes.BAD_REQUEST,
        false);
    assertFailure(() -> activities().addDownload(null), ErrorTypes.BAD_REQUEST, false);
    assertFailure(
        () ->
            activities()
                .addDownload(
                    new AddDownloadRequest(WORKFLOW, "transmission", add(MAGNET, null).release())),
        ErrorTypes.CONFIGURATION,
        false);
    assertFailure(() -> activities().pollDownloads(null, 0), ErrorTypes.CONFIGURATION, false);
    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  // --- downloadStatus / removeDownload --------------------------------------------------------

  @Test
  void statusMapsTheTorrentAndFindsItsWorkflowTag() throws Exception {
    qbittorrent.enqueue(fixture("torrents-info.json"));
    qbittorrent.enqueue(fixture("torrents-info.json"));
    QbittorrentDownloadActivities activities = activities();

    DownloadStatus movie =
        activities.downloadStatus(new DownloadHandle(CLIENT, MOVIE_HASH.toUpperCase(), "x"));
    DownloadStatus show =
        activities.downloadStatus(new DownloadHandle(CLIENT, SHOW_HASH, "Some.Show.S01E01"));

    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    assertThat(movie)
        .isEqualTo(
            new DownloadStatus(
                CLIENT,
                MOVIE_HASH,
                WORKFLOW,
                "Sample.Movie.2024",
                DownloadState.DOWNLOADING,
                0.5,
                734003200,
                "/downloads/Sample.Movie.2024/Sample.Movie.2024.mkv",
                "/downloads/",
                "downloading"));
    assertThat(show.state()).isEqualTo(DownloadState.COMPLETED);
    assertThat(show.finished()).isTrue();
    assertThat(show.workflowId()).isEqualTo("media-request:seerr:43:s1");
  }

  @Test
  void aStoppedTorrentOf5xIsPaused() {
    qbittorrent.enqueue(fixture("torrents-info-v5-stopped.json"));

    DownloadStatus status =
        activities().downloadStatus(new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024"));

    assertThat(status.state()).isEqualTo(DownloadState.PAUSED);
    assertThat(status.message()).isEqualTo("stoppedDL");
    assertThat(status.progress()).isEqualTo(0.25);
  }

  @Test
  void aTorrentTheClientDoesNotListIsMissing() {
    qbittorrent.enqueue(json("[]"));
    DownloadHandle handle = new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024");

    DownloadStatus status = activities().downloadStatus(handle);

    assertThat(status.state()).isEqualTo(DownloadState.MISSING);
    assertThat(status.id()).isEqualTo(MOVIE_HASH);
    assertThat(status.name()).isEqualTo("Sample.Movie.2024");
    assertThat(activities().downloadStatus(new DownloadHandle(CLIENT, null, "x")).state())
        .isEqualTo(DownloadState.MISSING);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void statusOfASharedTorrentNamesTheCallerWhenItTagsIt() throws Exception {
    qbittorrent.enqueue(movieTagged(OTHER_WORKFLOW + ", " + WORKFLOW));
    qbittorrent.enqueue(movieTagged(OTHER_WORKFLOW + ", " + WORKFLOW));
    qbittorrent.enqueue(movieTagged("tv"));
    DownloadHandle movie = new DownloadHandle(CLIENT, MOVIE_HASH, "x");

    DownloadStatus mine = activities().downloadStatus(movie);
    DownloadStatus notMine =
        activities().withCaller(() -> "media-request:seerr:99").downloadStatus(movie);
    DownloadStatus untagged = activities().downloadStatus(movie);

    assertThat(mine.workflowId()).isEqualTo(WORKFLOW);
    assertThat(mine.state()).isEqualTo(DownloadState.COMPLETED);
    assertThat(notMine.workflowId()).isEqualTo(OTHER_WORKFLOW);
    assertThat(untagged.workflowId()).isNull();
    assertThat(untagged.state()).isEqualTo(DownloadState.COMPLETED);
  }

  @Test
  void removingTheLastRequestsShareDeletesTheTorrentWithItsFiles() throws Exception {
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(movieTagged("tv"));
    qbittorrent.enqueue(status(200));
    QbittorrentDownloadActivities activities = activities();

    activities.removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH.toUpperCase(), "x"), true);
    activities.removeDownload(new DownloadHandle(CLIENT, " ", "x"), true);

    RecordedRequest untag = qbittorrent.takeRequest();
    assertThat(untag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/removeTags");
    assertThat(form(untag))
        .containsExactly(Map.entry("hashes", MOVIE_HASH), Map.entry("tags", WORKFLOW));
    RecordedRequest reread = qbittorrent.takeRequest();
    assertThat(reread.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(reread.getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    RecordedRequest delete = qbittorrent.takeRequest();
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/delete");
    assertThat(form(delete))
        .containsExactly(Map.entry("hashes", MOVIE_HASH), Map.entry("deleteFiles", "true"));
    assertThat(qbittorrent.getRequestCount()).isEqualTo(3);
  }

  @Test
  void removingOneRequestsShareKeepsTheTorrentForTheOther() throws Exception {
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(movieTagged(OTHER_WORKFLOW + ", tv"));

    activities().removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH, "x"), false);

    assertThat(form(qbittorrent.takeRequest())).containsEntry("tags", WORKFLOW);
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.getRequestCount()).isEqualTo(2);
  }

  @Test
  void removingATorrentTheClientDoesNotKnowSucceedsWithoutADelete() throws Exception {
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(json("[]"));

    activities().removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH, "x"), true);

    assertThat(qbittorrent.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/v2/torrents/removeTags");
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.getRequestCount()).isEqualTo(2);
  }

  @Test
  void removingOutsideAnActivityNeedsANamedCaller() {
    QbittorrentDownloadActivities activities = activities().withCaller(CallingWorkflow.ACTIVITY);

    assertThatThrownBy(
            () -> activities.removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH, "x"), true))
        .isInstanceOf(IllegalStateException.class);
    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  // --- pollDownloads -------------------------------------------------------------------------

  @Test
  void pollsMergePartialUpdatesIntoFullSnapshotsWithOneCallEach() throws Exception {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(fixture("maindata-partial.json"));
    qbittorrent.enqueue(fixture("maindata-removed.json"));
    QbittorrentDownloadActivities activities = activities();

    DownloadChanges full = activities.pollDownloads(CLIENT, 0);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(1);
    DownloadChanges partial = activities.pollDownloads(CLIENT, full.cursor());
    assertThat(qbittorrent.getRequestCount()).isEqualTo(2);
    DownloadChanges removal = activities.pollDownloads(CLIENT, partial.cursor());
    assertThat(qbittorrent.getRequestCount()).isEqualTo(3);

    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("0");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("2");

    // The untagged torrent is never reported.
    assertThat(full.cursor()).isEqualTo(1);
    assertThat(full.fullUpdate()).isTrue();
    assertThat(full.changed())
        .extracting(DownloadStatus::id, DownloadStatus::state)
        .containsExactly(
            tuple(MOVIE_HASH, DownloadState.DOWNLOADING),
            tuple(SHOW_HASH, DownloadState.COMPLETED));
    assertThat(full.removed()).isEmpty();

    assertThat(partial.cursor()).isEqualTo(2);
    assertThat(partial.fullUpdate()).isFalse();
    assertThat(partial.changed())
        .extracting(DownloadStatus::id)
        .containsExactly(MOVIE_HASH, NEW_HASH);
    DownloadStatus movie = partial.changed().get(0);
    assertThat(movie.progress()).isEqualTo(0.75);
    assertThat(movie.amountLeft()).isEqualTo(367001600);
    // Fields the partial update did not carry come from the merge cache.
    assertThat(movie.name()).isEqualTo("Sample.Movie.2024");
    assertThat(movie.workflowId()).isEqualTo(WORKFLOW);
    assertThat(movie.state()).isEqualTo(DownloadState.DOWNLOADING);
    assertThat(movie.contentPath()).isEqualTo("/downloads/Sample.Movie.2024/Sample.Movie.2024.mkv");
    // Fetching metadata (metaDL) is looking for peers, not waiting in the queue.
    assertThat(partial.changed().get(1).state()).isEqualTo(DownloadState.DOWNLOADING);
    // Without metadata qBittorrent sends content_path "": no path yet.
    assertThat(partial.changed().get(1).contentPath()).isNull();
    assertThat(partial.changed().get(1).workflowId()).isEqualTo("media-request:seerr:44");

    assertThat(removal.cursor()).isEqualTo(3);
    assertThat(removal.removed()).containsExactly(SHOW_HASH);
    assertThat(removal.changed())
        .singleElement()
        .satisfies(
            stalled -> {
              assertThat(stalled.id()).isEqualTo(MOVIE_HASH);
              assertThat(stalled.state()).isEqualTo(DownloadState.STALLED);
              assertThat(stalled.amountLeft()).isEqualTo(367001600);
            });
  }

  @Test
  void aTorrentTwoRequestsShareIsReportedOncePerRequestTag() {
    qbittorrent.enqueue(
        json(
            "{\"rid\":1,\"full_update\":true,\"torrents\":{\""
                + MOVIE_HASH
                + "\":{\"name\":\"m\",\"progress\":0.5,\"state\":\"downloading\","
                + "\"tags\":\""
                + OTHER_WORKFLOW
                + ", tv, "
                + WORKFLOW
                + "\"}}}"));
    qbittorrent.enqueue(
        json("{\"rid\":2,\"torrents\":{\"" + MOVIE_HASH + "\":{\"tags\":\"" + WORKFLOW + "\"}}}"));
    QbittorrentDownloadActivities activities = activities();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges untagged = activities.pollDownloads(CLIENT, first.cursor());

    assertThat(first.changed())
        .extracting(DownloadStatus::id, DownloadStatus::workflowId, DownloadStatus::progress)
        .containsExactly(tuple(MOVIE_HASH, OTHER_WORKFLOW, 0.5), tuple(MOVIE_HASH, WORKFLOW, 0.5));
    // The other request's tag is gone: only this request hears of the torrent now.
    assertThat(untagged.changed())
        .extracting(DownloadStatus::id, DownloadStatus::workflowId)
        .containsExactly(tuple(MOVIE_HASH, WORKFLOW));
  }

  @Test
  void pagesCountSnapshotsSoASharedTorrentCanSpanTwoPolls() {
    qbittorrent.enqueue(
        json(
            "{\"rid\":1,\"full_update\":true,\"torrents\":{\""
                + MOVIE_HASH
                + "\":{\"name\":\"m\",\"tags\":\""
                + OTHER_WORKFLOW
                + ","
                + WORKFLOW
                + ",media-request:seerr:43:s1\"}}}"));
    qbittorrent.enqueue(json("{\"rid\":2}"));
    qbittorrent.enqueue(json("{\"rid\":3}"));
    QbittorrentDownloadActivities activities = activities().withMaxChangesPerPoll(2);

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(first.changed())
        .extracting(DownloadStatus::workflowId)
        .containsExactly(OTHER_WORKFLOW, WORKFLOW);
    assertThat(second.changed())
        .extracting(DownloadStatus::workflowId)
        .containsExactly("media-request:seerr:43:s1");
    assertThat(third.changed()).isEmpty();
  }

  @Test
  void aLargeUpdateIsHandedOutInPagesOnTheNextPollsThatContinue() throws Exception {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(json("{\"rid\":2}"));
    qbittorrent.enqueue(json("{\"rid\":3}"));
    QbittorrentDownloadActivities activities = activities().withMaxChangesPerPoll(1);

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(first.changed()).hasSize(1);
    // Nothing changed on the client, but the second page of the full update follows.
    assertThat(second.changed()).hasSize(1);
    assertThat(List.of(first.changed().get(0).id(), second.changed().get(0).id()))
        .containsExactlyInAnyOrder(MOVIE_HASH, SHOW_HASH);
    assertThat(third.changed()).isEmpty();
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("0");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("2");
  }

  @Test
  void aFullUpdateStartsThePagesOverSoALostPageIsNotLost() throws Exception {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    QbittorrentDownloadActivities activities = activities().withMaxChangesPerPoll(1);

    activities.pollDownloads(CLIENT, 0);
    // The first page's result was lost: the monitor retries with its old cursor.
    DownloadChanges retried = activities.pollDownloads(CLIENT, 0);

    assertThat(retried.fullUpdate()).isTrue();
    assertThat(retried.changed())
        .singleElement()
        .extracting(DownloadStatus::id)
        .isIn(MOVIE_HASH, SHOW_HASH);
  }

  @Test
  void freshStartsBeginAtARandomTorrentSoPollsAlternatingBetweenWorkersReachEveryTorrent() {
    // Two workers: each poll lands on the instance that did not hand out the cursor and starts
    // over. Always starting at qBittorrent's first torrent would never hand out the second one.
    int restarts = 40;
    for (int i = 0; i < restarts; i++) {
      qbittorrent.enqueue(fixture("maindata-full.json"));
    }
    QbittorrentDownloadActivities activities = activities().withMaxChangesPerPoll(1);

    Set<String> handedOut = new HashSet<>();
    for (int i = 0; i < restarts; i++) {
      handedOut.add(activities.pollDownloads(CLIENT, 0).changed().get(0).id());
    }

    // Each start picks the first of two at random: both are reached (fails with p = 2^-39).
    assertThat(handedOut).containsExactlyInAnyOrder(MOVIE_HASH, SHOW_HASH);
  }

  @Test
  void aCursorThisInstanceDidNotHandOutRestartsAtRidZero() throws Exception {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    QbittorrentDownloadActivities activities = activities();

    // A restarted worker: the monitor carries cursor 17 over from before.
    DownloadChanges afterRestart = activities.pollDownloads(CLIENT, 17);
    // A retried poll whose earlier result was lost: cursor 0 though this instance handed out 1.
    activities.pollDownloads(CLIENT, 0);

    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("0");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("0");
    assertThat(afterRestart.fullUpdate()).isTrue();
    assertThat(afterRestart.cursor()).isEqualTo(1);
    assertThat(afterRestart.changed()).hasSize(2);
  }

  @Test
  void aFullUpdateReportsTorrentsThatVanishedAsRemoved() {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(
        json(
            "{\"rid\":5,\"full_update\":true,\"torrents\":{\""
                + MOVIE_HASH
                + "\":{\"name\":\"m\",\"tags\":\""
                + WORKFLOW
                + "\"}}}"));
    QbittorrentDownloadActivities activities = activities();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());

    assertThat(second.fullUpdate()).isTrue();
    assertThat(second.removed()).containsExactlyInAnyOrder(SHOW_HASH, UNTAGGED_HASH);
    assertThat(second.changed()).singleElement().extracting(DownloadStatus::name).isEqualTo("m");
  }

  @Test
  void afterALoginInsideThePollItAsksFromRidZero() throws Exception {
    qbittorrent.enqueue(loginOk("SID=first"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(status(403));
    qbittorrent.enqueue(loginOk("SID=second"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    QbittorrentDownloadActivities activities = activitiesWithLogin();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());

    qbittorrent.takeRequest();
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("0");
    RecordedRequest expired = qbittorrent.takeRequest();
    assertThat(expired.getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(expired.getHeaders().get("Cookie")).isEqualTo("SID=first");
    qbittorrent.takeRequest();
    RecordedRequest renewed = qbittorrent.takeRequest();
    assertThat(renewed.getUrl().queryParameter("rid")).isEqualTo("0");
    assertThat(renewed.getHeaders().get("Cookie")).isEqualTo("SID=second");
    assertThat(second.fullUpdate()).isTrue();
  }

  @Test
  void afterALoginByAnotherCallTheNextPollAsksFromRidZero() throws Exception {
    qbittorrent.enqueue(loginOk("SID=first"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(status(403));
    qbittorrent.enqueue(loginOk("SID=second"));
    qbittorrent.enqueue(json("[]"));
    qbittorrent.enqueue(fixture("maindata-full.json"));
    QbittorrentDownloadActivities activities = activitiesWithLogin();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    activities.downloadStatus(new DownloadHandle(CLIENT, MOVIE_HASH, "x"));
    activities.pollDownloads(CLIENT, first.cursor());

    for (int i = 0; i < 5; i++) {
      qbittorrent.takeRequest();
    }
    RecordedRequest poll = qbittorrent.takeRequest();
    assertThat(poll.getUrl().encodedPath()).isEqualTo("/api/v2/sync/maindata");
    assertThat(poll.getUrl().queryParameter("rid")).isEqualTo("0");
  }

  @Test
  void aFailedPollKeepsTheCacheSoTheSameCursorContinues() throws Exception {
    qbittorrent.enqueue(fixture("maindata-full.json"));
    qbittorrent.enqueue(status(503));
    qbittorrent.enqueue(fixture("maindata-partial.json"));
    QbittorrentDownloadActivities activities = activities();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    assertFailure(
        () -> activities.pollDownloads(CLIENT, first.cursor()), ErrorTypes.SERVER_ERROR, true);
    DownloadChanges retried = activities.pollDownloads(CLIENT, first.cursor());

    qbittorrent.takeRequest();
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("rid")).isEqualTo("1");
    assertThat(retried.fullUpdate()).isFalse();
    assertThat(retried.changed().get(0).name()).isEqualTo("Sample.Movie.2024");
  }
}
