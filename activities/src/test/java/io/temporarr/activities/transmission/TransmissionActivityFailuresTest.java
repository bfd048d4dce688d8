package io.temporarr.activities.transmission;

import static io.temporarr.activities.testing.Failures.assertActivityFailure;
import static io.temporarr.activities.transmission.TransmissionFixtures.MOVIE_HASH;
import static io.temporarr.activities.transmission.TransmissionFixtures.conflict;
import static io.temporarr.activities.transmission.TransmissionFixtures.fixture;
import static io.temporarr.activities.transmission.TransmissionFixtures.json;
import static io.temporarr.activities.transmission.TransmissionFixtures.status;
import static io.temporarr.activities.transmission.TransmissionFixtures.torrents;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.testing.Failures;
import io.temporarr.activities.testing.Releases;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.search.Release;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a workflow sees: failure type and retryability across the activity boundary. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TransmissionActivityFailuresTest {

  private static final String CLIENT = "transmission";
  private static final DownloadHandle MOVIE = new DownloadHandle(CLIENT, MOVIE_HASH, "Movie");

  @StartStop private final MockWebServer transmission = new MockWebServer();
  private TestActivityEnvironment environment;
  private DownloadActivities activities;

  @BeforeEach
  void setUp() {
    environment = TestActivityEnvironment.newInstance();
    TransmissionSettings settings =
        new TransmissionSettings(
            CLIENT, transmission.url("/transmission/rpc"), "admin", "s3cret!", null, null);
    environment.registerActivitiesImplementations(
        new TransmissionDownloadActivities(
            Map.of(CLIENT, new TransmissionClient(HttpClients.create(), settings)),
            HttpClients.create(),
            LinkCredentials.none()));
    activities = Failures.oneAttemptStub(environment, DownloadActivities.class);
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void resultsCrossTheActivityBoundaryIntactAfterTheSessionHandshake() {
    transmission.enqueue(conflict("s"));
    transmission.enqueue(fixture("torrent-get.json"));

    DownloadChanges changes = activities.pollDownloads(CLIENT, 0);

    assertThat(changes.changed().get(0).state()).isEqualTo(DownloadState.DOWNLOADING);
    assertThat(changes.changed().get(0).workflowId()).isEqualTo("media-request:seerr:42");
  }

  @Test
  void wrongCredentialsAreNonRetryableUnauthorized() {
    transmission.enqueue(status(401));

    assertActivityFailure(() -> activities.downloadStatus(MOVIE), ErrorTypes.UNAUTHORIZED, false);
  }

  @Test
  void aMalformedBodyIsNonRetryable() {
    transmission.enqueue(json("{\"arguments\":{\"torrents\":["));

    assertActivityFailure(
        () -> activities.downloadStatus(MOVIE), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void aServerErrorIsRetryable() {
    transmission.enqueue(status(500));

    assertActivityFailure(() -> activities.pollDownloads(CLIENT, 0), ErrorTypes.SERVER_ERROR, true);
  }

  @Test
  void aRefusedTorrentIsANonRetryableReleaseFault() {
    transmission.enqueue(torrents());
    transmission.enqueue(fixture("session-get.json"));
    transmission.enqueue(fixture("torrent-add-corrupt.json"));
    Release release = Releases.torrent("magnet:?xt=urn:btih:" + MOVIE_HASH, null);

    assertActivityFailure(
        () ->
            activities.addDownload(
                new AddDownloadRequest("media-request:seerr:42", CLIENT, release)),
        ErrorTypes.DOWNLOAD_REJECTED,
        false);
    assertThat(ErrorTypes.RELEASE_FAULTS).contains(ErrorTypes.DOWNLOAD_REJECTED);
  }

  @Test
  void aNonSuccessResultOutsideAddingIsNonRetryableBadRequest() {
    transmission.enqueue(json("{\"arguments\":{},\"result\":\"no method name\"}"));

    assertActivityFailure(
        () -> activities.removeDownload(MOVIE, true), ErrorTypes.BAD_REQUEST, false);
  }
}
