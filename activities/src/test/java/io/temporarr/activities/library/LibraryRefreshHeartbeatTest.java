package io.temporarr.activities.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.jellyfin.JellyfinSettings;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.library.LibraryRefresh;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heartbeats Temporal receives while a media server refreshes: Jellyfin answers a full refresh
 * only when the whole scan ends, minutes later, and a worker killed meanwhile must be noticed after
 * the heartbeat timeout, not the 35-minute start-to-close.
 */
@Timeout(60)
class LibraryRefreshHeartbeatTest {

  private static final String JELLYFIN_KEY = "0123456789abcdef0123456789abcdef";

  @StartStop final MockWebServer jellyfinServer = new MockWebServer();

  private TestActivityEnvironment environment;
  private final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    environment = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  /**
   * Jellyfin without the targeted endpoint (404), whose full refresh answers only after {@code
   * beats} heartbeats reached Temporal, as a long scan would.
   */
  private void olderJellyfinScanningUntil(CountDownLatch beats) {
    jellyfinServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            paths.add(request.getTarget());
            if (request.getTarget().equals("/Library/Media/Updated")) {
              return new MockResponse(404, Headers.of(), "");
            }
            return beats.await(20, TimeUnit.SECONDS)
                ? new MockResponse(204, Headers.of(), "")
                : new MockResponse(500, Headers.of(), "no heartbeats during the scan");
          }
        });
  }

  private LibraryActivities stub() {
    return environment.newActivityStub(
        LibraryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setHeartbeatTimeout(Duration.ofSeconds(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private JellyfinClient jellyfin() {
    return new JellyfinClient(
        HttpClients.create(), new JellyfinSettings(jellyfinServer.url("/"), JELLYFIN_KEY, null));
  }

  @Test
  void theFullRefreshFallbackHeartbeatsUntilTheScanEnds() {
    CountDownLatch threeBeats = new CountDownLatch(3);
    olderJellyfinScanningUntil(threeBeats);
    environment.setActivityHeartbeatListener(Object.class, details -> threeBeats.countDown());
    environment.registerActivitiesImplementations(
        new MediaLibraryActivities(
            jellyfin(), null, null, Heartbeat::ofCurrentActivity, Duration.ofMillis(50)));

    stub().refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)"));

    assertThat(paths).containsExactly("/Library/Media/Updated", "/Library/Refresh");
    assertThat(threeBeats.getCount()).isZero();
  }

  @Test
  void theProductionConstructorHeartbeatsWhileJellyfinScans() {
    CountDownLatch oneBeat = new CountDownLatch(1);
    olderJellyfinScanningUntil(oneBeat);
    environment.setActivityHeartbeatListener(Object.class, details -> oneBeat.countDown());
    environment.registerActivitiesImplementations(
        new MediaLibraryActivities(jellyfin(), null, null));

    stub().refreshLibrary(new LibraryRefresh("wf", null));

    assertThat(paths).containsExactly("/Library/Refresh");
    assertThat(oneBeat.getCount()).isZero();
  }
}
