package io.temporarr.activities.qbittorrent;

import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.MOVIE_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.fixture;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.json;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.status;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.text;
import static io.temporarr.activities.testing.Failures.assertActivityFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.testing.Failures;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a workflow sees: failure type and retryability across the activity boundary. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class QbittorrentActivityFailuresTest {

  private static final String CLIENT = "qbittorrent";
  private static final DownloadHandle MOVIE = new DownloadHandle(CLIENT, MOVIE_HASH, "Movie");

  @StartStop private final MockWebServer qbittorrent = new MockWebServer();
  private TestActivityEnvironment environment;
  private DownloadActivities activities;

  @BeforeEach
  void setUp() {
    environment = TestActivityEnvironment.newInstance();
    QbittorrentSettings settings =
        new QbittorrentSettings(
            CLIENT, qbittorrent.url("/"), "admin", "s3cret!", null, "temporarr", null);
    // Not told its caller: as in the worker, it acts for the workflow of the running activity.
    environment.registerActivitiesImplementations(
        new QbittorrentDownloadActivities(
            Map.of(CLIENT, new QbittorrentClient(HttpClients.create(), settings)),
            HttpClients.create(),
            Duration.ofMillis(300),
            Duration.ofMillis(20)));
    activities = Failures.oneAttemptStub(environment, DownloadActivities.class);
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void resultsCrossTheActivityBoundaryIntact() {
    qbittorrent.enqueue(QbittorrentFixtures.loginOk("SID=s"));
    qbittorrent.enqueue(fixture("maindata-full.json"));

    DownloadChanges changes = activities.pollDownloads(CLIENT, 0);

    assertThat(changes.cursor()).isEqualTo(1);
    assertThat(changes.changed().get(0).state()).isEqualTo(DownloadState.DOWNLOADING);
    assertThat(changes.changed().get(0).workflowId()).isEqualTo("media-request:seerr:42");
  }

  @Test
  void wrongCredentialsAreNonRetryableUnauthorized() {
    qbittorrent.enqueue(text("Fails."));

    assertActivityFailure(() -> activities.downloadStatus(MOVIE), ErrorTypes.UNAUTHORIZED, false);
  }

  @Test
  void aMalformedBodyIsNonRetryable() {
    qbittorrent.enqueue(QbittorrentFixtures.loginOk("SID=s"));
    qbittorrent.enqueue(json("[{\"hash\": "));

    assertActivityFailure(
        () -> activities.downloadStatus(MOVIE), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void aServerErrorIsRetryable() {
    qbittorrent.enqueue(QbittorrentFixtures.loginOk("SID=s"));
    qbittorrent.enqueue(status(500));

    assertActivityFailure(() -> activities.pollDownloads(CLIENT, 0), ErrorTypes.SERVER_ERROR, true);
  }

  @Test
  void aRefusedTorrentIsANonRetryableReleaseFault() {
    qbittorrent.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return switch (request.getUrl().encodedPath()) {
              case "/api/v2/auth/login" -> QbittorrentFixtures.loginOk("SID=s");
              case "/api/v2/app/webapiVersion" -> text("2.8.19");
              case "/api/v2/torrents/add" -> text("Fails.");
              default -> json("[]");
            };
          }
        });
    Release release =
        new Release(
            "guid-1",
            "Movie",
            "prowlarr",
            25,
            Protocol.TORRENT,
            "magnet:?xt=urn:btih:" + MOVIE_HASH,
            null,
            1L,
            1,
            0,
            null,
            List.of(),
            "1080p");

    assertActivityFailure(
        () ->
            activities.addDownload(
                new AddDownloadRequest("media-request:seerr:42", CLIENT, release)),
        ErrorTypes.DOWNLOAD_REJECTED,
        false);
    assertThat(ErrorTypes.RELEASE_FAULTS).contains(ErrorTypes.DOWNLOAD_REJECTED);
  }

  @Test
  void removalTakesOffTheTagOfTheWorkflowThatScheduledTheActivity() throws Exception {
    qbittorrent.enqueue(QbittorrentFixtures.loginOk("SID=s"));
    qbittorrent.enqueue(status(200));
    qbittorrent.enqueue(json("[]"));

    activities.removeDownload(MOVIE, true);

    qbittorrent.takeRequest();
    RecordedRequest untag = qbittorrent.takeRequest();
    assertThat(untag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/removeTags");
    // TestActivityEnvironment runs every activity for the workflow "test-workflow-id".
    assertThat(QbittorrentFixtures.form(untag)).containsEntry("tags", "test-workflow-id");
  }
}
