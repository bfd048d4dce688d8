package io.temporarr.activities.qbittorrent;

import static io.temporarr.activities.qbittorrent.QbittorrentClientTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.torrent.SharedDownloads;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against real qbittorrent-nox instances on loopback: a seeder with the content, a downloader
 * driven through {@link QbittorrentDownloadActivities}, peers introduced by {@code addPeers}.
 */
@Tag("real-stack")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QbittorrentRealClientTest {

  private static final String CLIENT = "qbittorrent";
  private static final String WORKFLOW = "media-request:seerr:4242";
  private static final String OTHER_WORKFLOW = "media-request:seerr:4242:s2";

  /** The tag on a torrent Temporarr found already there: the user's, never deleted. */
  private static final String ADOPTED = "temporarr-adopted";

  private final OkHttpClient http = HttpClients.create();

  @TempDir Path work;

  @Test
  void aRealDownloadCompletesByteIdenticalAndIsRemovedWithItsFiles() throws Exception {
    TorrentPayload payload = TorrentPayload.video(work, "Sample.Movie.2024", 5);
    String hash = payload.infoHash();
    try (QbittorrentNox seeder = QbittorrentNox.start();
        QbittorrentNox downloader = QbittorrentNox.start();
        MockWebServer indexer = new MockWebServer()) {
      seeder.seed(payload);
      indexer.start();
      for (int i = 0; i < 2; i++) {
        indexer.enqueue(
            new MockResponse.Builder()
                .setHeader("Content-Type", "application/x-bittorrent")
                .body(new Buffer().write(payload.torrentBytes()))
                .build());
      }
      QbittorrentClient client =
          new QbittorrentClient(http, downloader.settings(CLIENT, "temporarr"));
      QbittorrentDownloadActivities activities =
          new QbittorrentDownloadActivities(Map.of(CLIENT, client), http)
              .withCaller(() -> WORKFLOW);
      AddDownloadRequest request =
          new AddDownloadRequest(
              WORKFLOW,
              CLIENT,
              release(indexer.url("/api/v1/indexer/1/download").toString(), hash));

      DownloadHandle handle = activities.addDownload(request);

      assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, hash, payload.name()));
      List<DownloadStatus> seen = new ArrayList<>();
      AtomicLong cursor = new AtomicLong();
      await()
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                DownloadChanges changes = activities.pollDownloads(CLIENT, cursor.get());
                cursor.set(changes.cursor());
                changes.changed().stream().filter(s -> s.id().equals(hash)).forEach(seen::add);
                boolean finished = seen.stream().anyMatch(DownloadStatus::finished);
                if (!finished) {
                  // Repeated until the torrent is past its initial check and connects out.
                  client.addPeers(List.of(hash), List.of("127.0.0.1:" + seeder.listenPort()));
                }
                return finished;
              });

      DownloadStatus status = activities.downloadStatus(handle);
      Path downloaded =
          downloader.savePath().resolve(payload.name()).resolve(payload.mainFile().getFileName());
      assertThat(status.state()).isEqualTo(DownloadState.COMPLETED);
      assertThat(status.workflowId()).isEqualTo(WORKFLOW);
      assertThat(status.progress()).isEqualTo(1.0);
      assertThat(status.amountLeft()).isZero();
      assertThat(Path.of(status.contentPath())).isEqualTo(downloaded);
      assertThat(downloaded).hasSameBinaryContentAs(payload.mainFile());
      // Adding the same release again finds it instead of adding it twice.
      assertThat(activities.addDownload(request)).isEqualTo(handle);
      assertThat(client.info(List.of(hash))).singleElement();

      activities.removeDownload(handle, true);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activities.downloadStatus(handle).state() == DownloadState.MISSING);
      await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(downloaded));
      assertThat(activities.pollDownloads(CLIENT, cursor.get()).removed()).contains(hash);
      // Removing again is fine: qBittorrent ignores unknown hashes.
      activities.removeDownload(handle, true);
    }
  }

  @Test
  void withQueueingOnTheSecondDownloadReportsQueuedAndAPausedOneReportsPaused() throws Exception {
    // Magnets nobody seeds: the active one keeps fetching metadata, the other waits for its slot.
    String firstHash = "1111111111111111111111111111111111111111";
    String secondHash = "2222222222222222222222222222222222222222";
    try (QbittorrentNox nox = QbittorrentNox.start()) {
      nox.setPreferences(
          "{\"queueing_enabled\":true,\"max_active_downloads\":1,"
              + "\"max_active_torrents\":1,\"dont_count_slow_torrents\":false}");
      QbittorrentClient client = new QbittorrentClient(http, nox.settings(CLIENT, "temporarr"));
      QbittorrentDownloadActivities activities =
          new QbittorrentDownloadActivities(Map.of(CLIENT, client), http);
      DownloadHandle first =
          activities.addDownload(
              new AddDownloadRequest(
                  WORKFLOW, CLIENT, release("magnet:?xt=urn:btih:" + firstHash, null)));
      DownloadHandle second =
          activities.addDownload(
              new AddDownloadRequest(
                  OTHER_WORKFLOW, CLIENT, release("magnet:?xt=urn:btih:" + secondHash, null)));

      // The first one holds the only slot (looking for peers: a stall is judged there); the
      // second one waits in the queue (never judged as a stall).
      awaitStates(activities, first, DownloadState.DOWNLOADING, second, DownloadState.QUEUED);
      assertThat(activities.pollDownloads(CLIENT, 0).changed())
          .filteredOn(status -> status.id().equals(secondHash))
          .singleElement()
          .satisfies(status -> assertThat(status.state()).isEqualTo(DownloadState.QUEUED))
          .satisfies(status -> assertThat(status.message()).isEqualTo("queuedDL"));

      // The user pauses the first one: it reports PAUSED and the second one gets the slot.
      client.stop(List.of(firstHash));

      awaitStates(activities, first, DownloadState.PAUSED, second, DownloadState.DOWNLOADING);
      assertThat(client.info(List.of(firstHash, secondHash))).hasSize(2);
    }
  }

  private static void awaitStates(
      QbittorrentDownloadActivities activities,
      DownloadHandle first,
      DownloadState firstState,
      DownloadHandle second,
      DownloadState secondState) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(activities.downloadStatus(first).state()).isEqualTo(firstState);
              assertThat(activities.downloadStatus(second).state()).isEqualTo(secondState);
            });
  }

  @Test
  void twoRequestsShareOneTorrentWhichLivesUntilTheLastOneReleasesIt() throws Exception {
    String hash = "0123456789abcdef0123456789abcdef01234567";
    String magnet = "magnet:?xt=urn:btih:" + hash + "&dn=Shared.Season.Pack";
    AtomicReference<String> caller = new AtomicReference<>(WORKFLOW);
    try (QbittorrentNox nox = QbittorrentNox.start()) {
      // Removed at import: the last request to import it deletes it.
      QbittorrentClient client = removingAtImport(nox);
      QbittorrentDownloadActivities activities =
          new QbittorrentDownloadActivities(Map.of(CLIENT, client), http).withCaller(caller::get);

      DownloadHandle first =
          activities.addDownload(new AddDownloadRequest(WORKFLOW, CLIENT, release(magnet, null)));
      DownloadHandle second =
          activities.addDownload(
              new AddDownloadRequest(OTHER_WORKFLOW, CLIENT, release(magnet, null)));

      assertThat(second).isEqualTo(first);
      assertThat(client.info(List.of(hash)))
          .singleElement()
          .satisfies(torrent -> assertThat(torrent.tags()).contains(WORKFLOW, OTHER_WORKFLOW));
      // What a request racing another one meets: qBittorrent refuses a torrent it holds.
      assertFailure(
          () -> client.addTorrentUrl(magnet, List.of("late")), ErrorTypes.DOWNLOAD_REJECTED, false);
      assertThat(activities.pollDownloads(CLIENT, 0).changed())
          .filteredOn(status -> status.id().equals(hash))
          .extracting(DownloadStatus::workflowId)
          .containsExactlyInAnyOrder(WORKFLOW, OTHER_WORKFLOW);

      // The first request is cancelled.
      activities.removeDownload(first, true);

      assertThat(client.info(List.of(hash)))
          .singleElement()
          .satisfies(torrent -> assertThat(torrent.tags()).containsExactly(OTHER_WORKFLOW));
      caller.set(OTHER_WORKFLOW);
      assertThat(activities.downloadStatus(second).workflowId()).isEqualTo(OTHER_WORKFLOW);

      // The second one imported it.
      activities.retireDownload(second);

      await().atMost(Duration.ofSeconds(10)).until(() -> client.info(List.of(hash)).isEmpty());
    }
  }

  @Test
  void aTorrentTheUserAddedIsSharedReadOnlyAndKeepsItsFilesWhenEveryRequestLeaves()
      throws Exception {
    TorrentPayload payload = SharedDownloads.usersMovie(work);
    String hash = payload.infoHash();
    AtomicReference<String> caller = new AtomicReference<>(WORKFLOW);
    try (QbittorrentNox nox = QbittorrentNox.start()) {
      // The user's own torrent (say Radarr's), added directly: its files complete, no request tag.
      nox.seed(payload);
      Path file = nox.savePath().resolve(payload.name()).resolve(payload.mainFile().getFileName());
      // Removed at import, the setting that deletes a torrent with its files soonest.
      QbittorrentClient client = removingAtImport(nox);
      QbittorrentDownloadActivities activities =
          new QbittorrentDownloadActivities(Map.of(CLIENT, client), http).withCaller(caller::get);

      DownloadHandle handle =
          SharedDownloads.addForBoth(
              activities, CLIENT, release(payload.magnetUri(), hash), WORKFLOW, OTHER_WORKFLOW);

      assertThat(client.info(List.of(hash)))
          .singleElement()
          .satisfies(
              torrent ->
                  assertThat(torrent.tags())
                      .containsExactlyInAnyOrder("seed", ADOPTED, WORKFLOW, OTHER_WORKFLOW));
      assertThat(activities.downloadStatus(handle).state()).isEqualTo(DownloadState.COMPLETED);

      // Neither the cancelled request nor the one that imports it deletes it.
      SharedDownloads.cancelThenImport(activities, caller, handle, WORKFLOW, OTHER_WORKFLOW);

      assertThat(client.info(List.of(hash)))
          .singleElement()
          .satisfies(
              torrent -> assertThat(torrent.tags()).containsExactlyInAnyOrder("seed", ADOPTED));
      assertThat(activities.removeSeeded(CLIENT)).isEmpty();
      assertThat(file).hasSameBinaryContentAs(payload.mainFile());
      assertThat(client.info(List.of(hash))).singleElement();
    }
  }

  @Test
  void aDownloadWhoseOnlySeederDiesShowsFrozenProgress() throws Exception {
    TorrentPayload payload = TorrentPayload.randomBytes(work, "Big.Movie.2023", 16L << 20);
    String hash = payload.infoHash();
    try (QbittorrentNox seeder = QbittorrentNox.start();
        QbittorrentNox downloader = QbittorrentNox.start()) {
      seeder.setUploadLimit(256 * 1024);
      seeder.seed(payload);
      QbittorrentClient client = new QbittorrentClient(http, downloader.settings(CLIENT, null));
      QbittorrentDownloadActivities activities =
          new QbittorrentDownloadActivities(Map.of(CLIENT, client), http);

      // By magnet this time: the metadata itself comes from the seeder.
      DownloadHandle handle =
          activities.addDownload(
              new AddDownloadRequest(WORKFLOW, CLIENT, release(payload.magnetUri(), null)));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                client.addPeers(List.of(hash), List.of("127.0.0.1:" + seeder.listenPort()));
                DownloadStatus status = activities.downloadStatus(handle);
                return status.progress() > 0.02;
              });
      seeder.kill();

      AtomicLong previous = new AtomicLong(-1);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long left = activities.downloadStatus(handle).amountLeft();
                return previous.getAndSet(left) == left;
              });
      long frozen = activities.downloadStatus(handle).amountLeft();
      AtomicLong cursor = new AtomicLong(activities.pollDownloads(CLIENT, 0).cursor());

      await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(8))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                DownloadChanges changes = activities.pollDownloads(CLIENT, cursor.get());
                cursor.set(changes.cursor());
                DownloadStatus status = activities.downloadStatus(handle);
                return status.amountLeft() == frozen
                    && changes.changed().stream()
                        .filter(s -> s.id().equals(hash))
                        .allMatch(s -> s.amountLeft() == frozen);
              });
      DownloadStatus stalled = activities.downloadStatus(handle);
      assertThat(stalled.amountLeft()).isPositive().isLessThan(16L << 20);
      assertThat(stalled.progress()).isGreaterThan(0.0).isLessThan(1.0);
      assertThat(stalled.state()).isNotEqualTo(DownloadState.COMPLETED);
    }
  }

  @Test
  void logsInToAnInstanceThatRequiresItAndRejectsAWrongPassword() throws Exception {
    try (QbittorrentNox nox = QbittorrentNox.startWithLogin("temporarr", "correct-horse-9")) {
      QbittorrentClient client = new QbittorrentClient(http, nox.settings(CLIENT, null));
      QbittorrentClient wrong =
          new QbittorrentClient(
              http,
              new QbittorrentSettings(
                  CLIENT, nox.baseUrl(), "temporarr", "wrong-password", null, null, null));

      assertThat(client.webApiVersion()).matches("2\\.\\d+\\.\\d+");
      assertThat(client.syncMainData(0).fullUpdate()).isTrue();
      assertThat(client.session()).isEqualTo(1);
      assertFailure(() -> wrong.info(List.of("0".repeat(40))), ErrorTypes.UNAUTHORIZED, false);
    }
  }

  /** A client of the instance that removes downloads at import, with their files. */
  private QbittorrentClient removingAtImport(QbittorrentNox nox) {
    return new QbittorrentClient(
        http, nox.settings(CLIENT, null).withSeeding(new SeedingGoals(null, null, true)));
  }

  private static Release release(String link, String infoHash) {
    return new Release(
        "guid-real",
        "Real.Release.1080p",
        "fixture-indexer",
        25,
        Protocol.TORRENT,
        link,
        infoHash,
        0L,
        1,
        0,
        null,
        List.of(2040),
        "1080p");
  }
}
