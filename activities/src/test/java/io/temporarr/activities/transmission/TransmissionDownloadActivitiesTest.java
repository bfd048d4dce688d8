package io.temporarr.activities.transmission;

import static io.temporarr.activities.testing.Failures.assertFailure;
import static io.temporarr.activities.transmission.TransmissionFixtures.MOVIE_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.SHOW_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.UNLABELLED_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.fixture;
import static io.temporarr.activities.transmission.TransmissionFixtures.json;
import static io.temporarr.activities.transmission.TransmissionFixtures.rpc;
import static io.temporarr.activities.transmission.TransmissionFixtures.torrent;
import static io.temporarr.activities.transmission.TransmissionFixtures.torrents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.testing.Polls;
import io.temporarr.activities.testing.Releases;
import io.temporarr.activities.torrent.TorrentDownloadActivities;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TransmissionDownloadActivitiesTest {

  private static final String CLIENT = "transmission";
  private static final String WORKFLOW = "media-request:seerr:42";
  private static final String OTHER_WORKFLOW = "media-request:radarr:7";
  private static final String MAGNET =
      "magnet:?xt=urn:btih:" + MOVIE_HASH + "&dn=Sample.Movie.2024";
  private static final DownloadHandle MOVIE =
      new DownloadHandle(CLIENT, MOVIE_HASH.toUpperCase(), "Sample.Movie.2024");
  private static final String IMPORTED = "\"" + SeedingGoals.IMPORTED_MARK + "\"";
  private static final String ADOPTED = TorrentDownloadActivities.ADOPTED_MARK;

  @StartStop private final MockWebServer transmission = new MockWebServer();
  @StartStop private final MockWebServer indexer = new MockWebServer();
  private final OkHttpClient http = HttpClients.create();

  private TransmissionDownloadActivities activities(SeedingGoals goals) {
    TransmissionSettings settings =
        new TransmissionSettings(
            CLIENT, transmission.url("/transmission/rpc"), null, null, null, goals);
    return new TransmissionDownloadActivities(
            Map.of(CLIENT, new TransmissionClient(http, settings)), http, LinkCredentials.none())
        .withCaller(() -> WORKFLOW);
  }

  /** A listing of the movie, seeding, with these labels (JSON strings, comma-separated). */
  private static MockResponse movieLabelled(String labels) {
    return torrents(torrent(MOVIE_HASH, 6, 1, 0, labels, 0));
  }

  private static String quoted(String... labels) {
    return String.join(",", Arrays.stream(labels).map(l -> "\"" + l + "\"").toList());
  }

  private TransmissionDownloadActivities activities() {
    return activities(SeedingGoals.KEEP);
  }

  private static AddDownloadRequest add(String link, String announcedHash, Protocol protocol) {
    return new AddDownloadRequest(WORKFLOW, CLIENT, Releases.of(protocol, link, announcedHash));
  }

  private JsonNode next() throws InterruptedException {
    return rpc(transmission.takeRequest());
  }

  // --- addDownload ---------------------------------------------------------------------------

  @Test
  void addsAMagnetAndLabelsItWithTheWorkflow() throws Exception {
    transmission.enqueue(torrents());
    transmission.enqueue(fixture("session-get.json"));
    transmission.enqueue(fixture("torrent-added.json"));
    transmission.enqueue(movieLabelled(""));
    transmission.enqueue(fixture("success.json"));

    DownloadHandle handle = activities().addDownload(add(MAGNET, MOVIE_HASH, Protocol.TORRENT));

    assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, MOVIE_HASH, "Sample.Movie.2024"));
    assertThat(next().at("/arguments/ids").toString()).isEqualTo("[\"" + MOVIE_HASH + "\"]");
    assertThat(next().get("method").asText()).isEqualTo("session-get");
    assertThat(next().at("/arguments/filename").asText()).isEqualTo(MAGNET);
    next();
    JsonNode label = next();
    assertThat(label.get("method").asText()).isEqualTo("torrent-set");
    assertThat(label.at("/arguments/ids").toString()).isEqualTo("[\"" + MOVIE_HASH + "\"]");
    assertThat(label.at("/arguments/labels").toString()).isEqualTo("[\"" + WORKFLOW + "\"]");
    assertThat(transmission.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aTorrentTheUserAddedIsReturnedAsItIsAndMarkedAdoptedBeforeTheWorkflowLabel()
      throws Exception {
    transmission.enqueue(movieLabelled(quoted("mine")));
    transmission.enqueue(movieLabelled(quoted("mine")));
    transmission.enqueue(fixture("success.json"));

    DownloadHandle handle = activities().addDownload(add(MAGNET, null, Protocol.TORRENT));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
    next();
    assertThat(next().at("/arguments/ids/0").asText()).isEqualTo(MOVIE_HASH);
    assertThat(next().at("/arguments/labels").toString())
        .isEqualTo("[" + quoted("mine", ADOPTED, WORKFLOW) + "]");
    assertThat(transmission.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aDuplicateAnsweredByTheAddIsSharedAsTheTorrentTheClientHeld() throws Exception {
    transmission.enqueue(torrents());
    transmission.enqueue(fixture("session-get.json"));
    transmission.enqueue(fixture("torrent-duplicate.json"));
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW)));
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW)));
    transmission.enqueue(fixture("success.json"));

    DownloadHandle handle = activities().addDownload(add(MAGNET, null, Protocol.TORRENT));

    assertThat(handle.id()).isEqualTo(MOVIE_HASH);
    for (int i = 0; i < 5; i++) {
      next();
    }
    // Another request added it: shared, not marked.
    assertThat(next().at("/arguments/labels").toString())
        .isEqualTo("[" + quoted(OTHER_WORKFLOW, WORKFLOW) + "]");
  }

  @Test
  void aTorrentAlreadyLabelledIsNotRelabelled() {
    transmission.enqueue(movieLabelled(quoted(ADOPTED, WORKFLOW)));
    TransmissionDownloadActivities activities = activities();

    activities.addDownload(add(MAGNET, null, Protocol.TORRENT));

    assertThat(transmission.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aTorrentLinkIsFetchedAndSentAsMetainfo() throws Exception {
    byte[] torrent =
        TransmissionFixtures.class.getResourceAsStream("/torrent/sample.torrent").readAllBytes();
    indexer.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-bittorrent")
            .body(new Buffer().write(torrent))
            .build());
    transmission.enqueue(torrents());
    transmission.enqueue(fixture("session-get.json"));
    transmission.enqueue(fixture("torrent-added.json"));
    transmission.enqueue(torrents());
    HttpUrl link = indexer.url("/1/download?id=9");

    activities().addDownload(add(link.toString(), null, Protocol.TORRENT));

    RecordedRequest fetch = indexer.takeRequest();
    assertThat(fetch.getUrl()).isEqualTo(link);
    next();
    next();
    JsonNode added = next();
    assertThat(Base64.getDecoder().decode(added.at("/arguments/metainfo").asText()))
        .isEqualTo(torrent);
  }

  @Test
  void unusableRequestsAreRejectedBeforeAnyCall() {
    assertFailure(
        () -> activities().addDownload(add(MAGNET, null, Protocol.USENET)),
        ErrorTypes.INVALID_RELEASE,
        false);
    assertFailure(
        () -> activities().addDownload(add(MAGNET, "0".repeat(40), Protocol.TORRENT)),
        ErrorTypes.INVALID_RELEASE,
        false);
    assertFailure(
        () -> activities().addDownload(new AddDownloadRequest(null, CLIENT, null)),
        ErrorTypes.BAD_REQUEST,
        false);
    assertFailure(
        () -> activities().addDownload(new AddDownloadRequest(WORKFLOW, "other", null)),
        ErrorTypes.CONFIGURATION,
        false);
    assertThat(transmission.getRequestCount()).isZero();
  }

  // --- downloadStatus ------------------------------------------------------------------------

  @Test
  void readsOneDownloadByHash() throws Exception {
    transmission.enqueue(fixture("torrent-get.json"));

    DownloadStatus status = activities().downloadStatus(MOVIE);

    assertThat(next().at("/arguments/ids").toString()).isEqualTo("[\"" + MOVIE_HASH + "\"]");
    assertThat(status)
        .isEqualTo(
            new DownloadStatus(
                CLIENT,
                MOVIE_HASH,
                WORKFLOW,
                "Sample.Movie.2024",
                DownloadState.DOWNLOADING,
                0.5,
                734003200,
                "/downloads/Sample.Movie.2024",
                "/downloads",
                "downloading"));
  }

  @Test
  void stalledAndErroredDownloadsAreReportedWithTransmissionsReason() {
    transmission.enqueue(
        json(
            "{\"arguments\":{\"torrents\":[{\"hashString\":\""
                + MOVIE_HASH
                + "\",\"status\":4,\"isStalled\":true,\"percentDone\":0.25,\"leftUntilDone\":3,"
                + "\"error\":2,\"errorString\":\"Tracker gave HTTP response code 404\","
                + "\"labels\":[]}]},\"result\":\"success\"}"));
    transmission.enqueue(
        json(
            "{\"arguments\":{\"torrents\":[{\"hashString\":\""
                + MOVIE_HASH
                + "\",\"status\":0,\"percentDone\":0.25,\"leftUntilDone\":3,\"error\":3,"
                + "\"errorString\":\"No data found! Ensure your drives are connected\","
                + "\"labels\":[]}]},\"result\":\"success\"}"));
    TransmissionDownloadActivities activities = activities();

    DownloadStatus stalled = activities.downloadStatus(MOVIE);
    DownloadStatus failed = activities.downloadStatus(MOVIE);

    assertThat(stalled.state()).isEqualTo(DownloadState.STALLED);
    assertThat(stalled.message()).isEqualTo("Tracker gave HTTP response code 404");
    assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
    assertThat(failed.message()).startsWith("No data found!");
  }

  @Test
  void anUnknownOrBlankHashIsMissing() {
    transmission.enqueue(torrents());
    TransmissionDownloadActivities activities = activities();

    assertThat(activities.downloadStatus(MOVIE).state()).isEqualTo(DownloadState.MISSING);
    assertThat(activities.downloadStatus(new DownloadHandle(CLIENT, " ", "x")).state())
        .isEqualTo(DownloadState.MISSING);
    assertThat(transmission.getRequestCount()).isEqualTo(1);
  }

  // --- removeDownload ------------------------------------------------------------------------

  @Test
  void removingTheLastRequestsShareRemovesTheTorrentKeepingOrDeletingTheData() throws Exception {
    transmission.enqueue(movieLabelled(quoted(WORKFLOW, "mine")));
    transmission.enqueue(fixture("success.json"));
    transmission.enqueue(fixture("success.json"));
    TransmissionDownloadActivities activities = activities();

    activities.removeDownload(MOVIE, false);
    activities.removeDownload(new DownloadHandle(CLIENT, null, "x"), true);

    JsonNode read = next();
    assertThat(read.get("method").asText()).isEqualTo("torrent-get");
    assertThat(read.at("/arguments/ids").toString()).isEqualTo("[\"" + MOVIE_HASH + "\"]");
    JsonNode unlabel = next();
    assertThat(unlabel.get("method").asText()).isEqualTo("torrent-set");
    assertThat(unlabel.at("/arguments/labels").toString()).isEqualTo("[\"mine\"]");
    JsonNode remove = next();
    assertThat(remove.get("method").asText()).isEqualTo("torrent-remove");
    assertThat(remove.at("/arguments/ids/0").asText()).isEqualTo(MOVIE_HASH);
    assertThat(remove.at("/arguments/delete-local-data").asBoolean(true)).isFalse();
    assertThat(transmission.getRequestCount()).isEqualTo(3);
  }

  @Test
  void removingOneRequestsShareKeepsTheTorrentForTheOther() throws Exception {
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW, WORKFLOW)));
    transmission.enqueue(fixture("success.json"));

    activities().removeDownload(MOVIE, true);

    next();
    assertThat(next().at("/arguments/labels").toString()).isEqualTo("[\"" + OTHER_WORKFLOW + "\"]");
    assertThat(transmission.getRequestCount()).isEqualTo(2);
  }

  @Test
  void removingATorrentTransmissionDoesNotKnowSucceedsWithOneRead() {
    transmission.enqueue(torrents());

    activities().removeDownload(MOVIE, true);

    assertThat(transmission.getRequestCount()).isEqualTo(1);
  }

  @Test
  void statusOfASharedTorrentNamesTheCallerWhenItLabelsIt() {
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW, WORKFLOW)));
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW, WORKFLOW)));

    DownloadStatus mine = activities().downloadStatus(MOVIE);
    DownloadStatus notMine =
        activities().withCaller(() -> "media-request:seerr:99").downloadStatus(MOVIE);

    assertThat(mine.workflowId()).isEqualTo(WORKFLOW);
    assertThat(notMine.workflowId()).isEqualTo(OTHER_WORKFLOW);
  }

  @Test
  void aTorrentTwoRequestsShareIsPolledOncePerRequestLabel() {
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW, "mine", WORKFLOW)));
    transmission.enqueue(movieLabelled(quoted(WORKFLOW)));
    TransmissionDownloadActivities activities = activities();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());

    assertThat(first.changed())
        .extracting(DownloadStatus::id, DownloadStatus::workflowId)
        .containsExactly(tuple(MOVIE_HASH, OTHER_WORKFLOW), tuple(MOVIE_HASH, WORKFLOW));
    // The other request's label is gone; nothing changed for this one.
    assertThat(second.changed()).isEmpty();
    assertThat(second.removed()).isEmpty();
  }

  // --- pollDownloads -------------------------------------------------------------------------

  @Test
  void eachPollIsOneFullListingReportingChangedRequestDownloadsAndWhatVanished() throws Exception {
    transmission.enqueue(fixture("torrent-get.json"));
    transmission.enqueue(torrents(torrent(SHOW_HASH, 6, 1, 0, "\"media-request:seerr:43:s1\"", 1)));
    TransmissionDownloadActivities activities = activities();

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());

    assertThat(next().at("/arguments/ids").isMissingNode()).isTrue();
    assertThat(first.fullUpdate()).isTrue();
    assertThat(first.cursor()).isPositive();
    assertThat(first.changed())
        .extracting(DownloadStatus::id, DownloadStatus::workflowId, DownloadStatus::state)
        .containsExactly(
            tuple(MOVIE_HASH, WORKFLOW, DownloadState.DOWNLOADING),
            tuple(SHOW_HASH, "media-request:seerr:43:s1", DownloadState.COMPLETED));
    assertThat(first.removed()).isEmpty();
    assertThat(second.cursor()).isGreaterThan(first.cursor());
    assertThat(second.fullUpdate()).isFalse();
    // The show changed (its name), the movie is gone.
    assertThat(second.changed()).extracting(DownloadStatus::id).containsExactly(SHOW_HASH);
    assertThat(second.removed()).containsExactly(MOVIE_HASH, UNLABELLED_HASH);
    assertThat(transmission.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aContinuingPollHandsOutOnlyTheDownloadsThatChanged() throws Exception {
    transmission.enqueue(torrents(request(1, 0.5), request(2, 0.5)));
    transmission.enqueue(torrents(request(1, 0.5), request(2, 0.7)));
    transmission.enqueue(torrents(request(1, 0.5), request(2, 0.7)));
    TransmissionDownloadActivities activities = activities().withMaxChangesPerPoll(2);

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(first.changed()).extracting(DownloadStatus::id).containsExactly(hash(1), hash(2));
    assertThat(second.changed())
        .extracting(DownloadStatus::id, DownloadStatus::progress)
        .containsExactly(tuple(hash(2), 0.7));
    assertThat(third.changed()).isEmpty();
    assertThat(List.of(first.cursor(), second.cursor(), third.cursor())).isSorted();
    assertThat(third.cursor()).isGreaterThan(second.cursor());
    assertOneTorrentGetPerPoll(3);
  }

  @Test
  void pagesHandOutEveryDownloadOnceAcrossTheContinuingPolls() throws Exception {
    String[] five = {
      request(1, 0.1), request(2, 0.2), request(3, 0.3), request(4, 0.4), request(5, 0.5)
    };
    for (int poll = 0; poll < 4; poll++) {
      transmission.enqueue(torrents(five));
    }
    TransmissionDownloadActivities activities = activities().withMaxChangesPerPoll(2);

    List<DownloadChanges> polls = Polls.inTurn(activities, CLIENT, 0, 4);

    assertThat(polls).extracting(changes -> changes.changed().size()).containsExactly(2, 2, 1, 0);
    assertThat(polls)
        .extracting(DownloadChanges::fullUpdate)
        .containsExactly(true, false, false, false);
    assertThat(Polls.handedOut(polls))
        .containsExactlyInAnyOrder(hash(1), hash(2), hash(3), hash(4), hash(5));
    assertOneTorrentGetPerPoll(4);
  }

  @Test
  void aWaitingDownloadThatChangesKeepsItsPlaceWithItsLatestSnapshot() throws Exception {
    TransmissionDownloadActivities activities = activities().withMaxChangesPerPoll(2);
    DownloadChanges first = firstPollOfThree(activities);
    int waiting = waitingOf(first, 1, 2, 3);
    String[] listing = {
      request(1, waiting == 1 ? 0.9 : 0.1),
      request(2, waiting == 2 ? 0.9 : 0.2),
      request(3, waiting == 3 ? 0.9 : 0.3),
      request(4, 0.4)
    };
    transmission.enqueue(torrents(listing));
    transmission.enqueue(torrents(listing));

    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(first.changed()).hasSize(2);
    // The one waiting since the first poll comes first, once, as it is now; then the new one.
    assertThat(second.changed())
        .extracting(DownloadStatus::id, DownloadStatus::progress)
        .containsExactly(tuple(hash(waiting), 0.9), tuple(hash(4), 0.4));
    assertThat(third.changed()).isEmpty();
    assertOneTorrentGetPerPoll(3);
  }

  @Test
  void aCursorThisInstanceDidNotHandOutLastStartsOverWithEveryDownload() throws Exception {
    for (int poll = 0; poll < 5; poll++) {
      transmission.enqueue(torrents(request(1, 0.1), request(2, 0.2), request(3, 0.3)));
    }
    TransmissionDownloadActivities activities = activities().withMaxChangesPerPoll(2);

    DownloadChanges lost = activities.pollDownloads(CLIENT, 0);
    // The first result was lost: the monitor retries with its old cursor.
    List<DownloadChanges> retried = Polls.inTurn(activities, CLIENT, 0, 2);
    // A restarted worker, or another one: the monitor carries a cursor over from before.
    List<DownloadChanges> restarted = Polls.inTurn(activities, CLIENT, lost.cursor(), 2);

    assertThat(lost.changed()).hasSize(2);
    assertThat(retried.get(0).fullUpdate()).isTrue();
    assertThat(retried.get(0).cursor()).isGreaterThan(lost.cursor());
    assertThat(Polls.handedOut(retried)).containsExactlyInAnyOrder(hash(1), hash(2), hash(3));
    assertThat(restarted.get(0).fullUpdate()).isTrue();
    assertThat(restarted.get(0).cursor()).isGreaterThan(retried.get(1).cursor());
    assertThat(Polls.handedOut(restarted)).containsExactlyInAnyOrder(hash(1), hash(2), hash(3));
    assertOneTorrentGetPerPoll(5);
  }

  @Test
  void aRemovedDownloadLeavesTheQueueAndIsForgotten() throws Exception {
    TransmissionDownloadActivities activities = activities().withMaxChangesPerPoll(2);
    DownloadChanges first = firstPollOfThree(activities);
    int handed = Integer.parseInt(first.changed().get(0).id(), 16);
    int kept = Integer.parseInt(first.changed().get(1).id(), 16);
    int waiting = 1 + 2 + 3 - handed - kept;
    transmission.enqueue(torrents(request(kept, kept / 10.0)));
    transmission.enqueue(torrents(request(kept, kept / 10.0), request(handed, handed / 10.0)));

    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());

    assertThat(second.removed()).containsExactlyInAnyOrder(hash(waiting), hash(handed));
    assertThat(second.changed()).isEmpty();
    // Back as it was, but the activity forgot it handed it out: the monitor forgot it too.
    assertThat(third.changed()).extracting(DownloadStatus::id).containsExactly(hash(handed));
    assertThat(third.removed()).isEmpty();
    assertOneTorrentGetPerPoll(3);
  }

  /** A first poll of requests 1 to 3. */
  private DownloadChanges firstPollOfThree(TransmissionDownloadActivities activities) {
    transmission.enqueue(torrents(request(1, 0.1), request(2, 0.2), request(3, 0.3)));
    return activities.pollDownloads(CLIENT, 0);
  }

  private static String hash(int n) {
    return String.format("%040x", n);
  }

  private static String request(int n, double percentDone) {
    return torrent(hash(n), 4, percentDone, 1000, "\"media-request:seerr:" + n + "\"", 0);
  }

  /** The download of {@code among} the first page left waiting. */
  private static int waitingOf(DownloadChanges first, int... among) {
    List<String> ids = first.changed().stream().map(DownloadStatus::id).toList();
    return Arrays.stream(among).filter(n -> !ids.contains(hash(n))).findFirst().orElseThrow();
  }

  private void assertOneTorrentGetPerPoll(int polls) throws InterruptedException {
    assertThat(transmission.getRequestCount()).isEqualTo(polls);
    for (int i = 0; i < polls; i++) {
      JsonNode rpc = next();
      assertThat(rpc.path("method").asText()).isEqualTo("torrent-get");
      assertThat(rpc.at("/arguments/ids").isMissingNode()).isTrue();
    }
  }

  // --- seeding goals -------------------------------------------------------------------------

  @Test
  void withoutGoalsRetiringAndRemovingSeededMakeNoCall() {
    TransmissionDownloadActivities activities = activities();

    activities.retireDownload(MOVIE);
    assertThat(activities.removeSeeded(CLIENT)).isEmpty();

    assertThat(transmission.getRequestCount()).isZero();
  }

  @Test
  void goalsWithRemoveImportedOffKeepEverything() {
    TransmissionDownloadActivities activities =
        activities(new SeedingGoals(1.0, Duration.ofHours(1), false));

    activities.retireDownload(MOVIE);
    assertThat(activities.removeSeeded(CLIENT)).isEmpty();

    assertThat(transmission.getRequestCount()).isZero();
  }

  @Test
  void withoutGoalsButRemoveImportedTheLastRequestRemovesTheDownloadWithItsData() throws Exception {
    transmission.enqueue(movieLabelled(quoted(WORKFLOW)));
    transmission.enqueue(fixture("success.json"));
    transmission.enqueue(fixture("success.json"));

    activities(new SeedingGoals(null, null, true)).retireDownload(MOVIE);

    next();
    assertThat(next().at("/arguments/labels").toString()).isEqualTo("[]");
    JsonNode remove = next();
    assertThat(remove.get("method").asText()).isEqualTo("torrent-remove");
    assertThat(remove.at("/arguments/ids/0").asText()).isEqualTo(MOVIE_HASH);
    assertThat(remove.at("/arguments/delete-local-data").asBoolean()).isTrue();
  }

  @Test
  void withAGoalRetiringMarksTheDownloadImportedForThisRequestOnce() throws Exception {
    transmission.enqueue(movieLabelled(quoted(WORKFLOW, OTHER_WORKFLOW)));
    transmission.enqueue(movieLabelled(quoted(WORKFLOW, OTHER_WORKFLOW)));
    transmission.enqueue(fixture("success.json"));
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW) + "," + IMPORTED));
    transmission.enqueue(movieLabelled(quoted(OTHER_WORKFLOW) + "," + IMPORTED));
    transmission.enqueue(torrents());
    TransmissionDownloadActivities activities = activities(new SeedingGoals(1.0, null, true));

    activities.retireDownload(MOVIE);
    activities.retireDownload(MOVIE);
    activities.retireDownload(MOVIE);

    next();
    next();
    assertThat(next().at("/arguments/labels").toString())
        .isEqualTo("[\"" + OTHER_WORKFLOW + "\"," + IMPORTED + "]");
    for (int i = 0; i < 3; i++) {
      assertThat(next().get("method").asText()).isEqualTo("torrent-get");
    }
    assertThat(transmission.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aCancelledShareOfADownloadSeedingForAnImportIsLeftToItsGoal() throws Exception {
    transmission.enqueue(movieLabelled(quoted(WORKFLOW) + "," + IMPORTED));
    transmission.enqueue(fixture("success.json"));

    activities(new SeedingGoals(1.0, null, true)).removeDownload(MOVIE, true);

    next();
    assertThat(next().at("/arguments/labels").toString()).isEqualTo("[" + IMPORTED + "]");
    assertThat(transmission.getRequestCount()).isEqualTo(2);
  }

  @Test
  void removesWithTheirDataOnlyImportedDownloadsNoRequestWantsThatMetAGoal() throws Exception {
    transmission.enqueue(
        torrents(
            torrent(MOVIE_HASH, 6, 1, 0, IMPORTED, 1.5),
            torrent(hash(7), 6, 1, 0, quoted(OTHER_WORKFLOW) + "," + IMPORTED, 9),
            torrent(SHOW_HASH, 6, 1, 0, IMPORTED, 0.4),
            torrent(UNLABELLED_HASH, 6, 1, 0, "", 9)));
    transmission.enqueue(fixture("success.json"));

    List<String> removed = activities(new SeedingGoals(1.0, null, true)).removeSeeded(CLIENT);

    assertThat(removed).containsExactly(MOVIE_HASH);
    assertThat(next().get("method").asText()).isEqualTo("torrent-get");
    JsonNode remove = next();
    assertThat(remove.get("method").asText()).isEqualTo("torrent-remove");
    assertThat(remove.at("/arguments/ids").toString()).isEqualTo("[\"" + MOVIE_HASH + "\"]");
    assertThat(remove.at("/arguments/delete-local-data").asBoolean()).isTrue();
  }

  @Test
  void aSeedingTimeGoalCountsSecondsSeeding() throws Exception {
    // Every fixture torrent has seeded 600 s.
    transmission.enqueue(torrents(torrent(MOVIE_HASH, 6, 1, 0, IMPORTED, 0)));
    transmission.enqueue(torrents(torrent(MOVIE_HASH, 6, 1, 0, IMPORTED, 0)));
    transmission.enqueue(fixture("success.json"));

    assertThat(
            activities(new SeedingGoals(null, Duration.ofMinutes(11), true)).removeSeeded(CLIENT))
        .isEmpty();
    assertThat(
            activities(new SeedingGoals(null, Duration.ofMinutes(10), true)).removeSeeded(CLIENT))
        .containsExactly(MOVIE_HASH);
    assertThat(transmission.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aGoalNotMetRemovesNothing() {
    transmission.enqueue(torrents(torrent(MOVIE_HASH, 6, 1, 0, IMPORTED, 0.2)));

    assertThat(activities(new SeedingGoals(1.0, Duration.ofDays(3), true)).removeSeeded(CLIENT))
        .isEmpty();
    assertThat(transmission.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBlankHandleRetiresNothing() {
    activities(new SeedingGoals(null, null, true))
        .retireDownload(new DownloadHandle(CLIENT, "", "x"));

    assertThat(transmission.getRequestCount()).isZero();
  }
}
