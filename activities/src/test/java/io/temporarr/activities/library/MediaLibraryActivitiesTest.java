package io.temporarr.activities.library;

import static io.temporarr.activities.testing.FailureAssertions.NON_RETRYABLE;
import static io.temporarr.activities.testing.FailureAssertions.RETRYABLE;
import static io.temporarr.activities.testing.FailureAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.activities.heartbeat.Heartbeats;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.jellyfin.JellyfinSettings;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.plex.PlexSettings;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.activities.seerr.SeerrSettings;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.library.LibraryRefresh;
import io.temporarr.workflows.library.SourceUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MediaLibraryActivitiesTest {

  private static final String SEERR_KEY = "c2VlcnJLZXlGb3JUZXN0cw==";
  private static final String JELLYFIN_KEY = "0123456789abcdef0123456789abcdef";
  private static final String PLEX_TOKEN = "plexTokenForTests";
  private static final String PLEX_SECTIONS =
      "{\"MediaContainer\":{\"size\":1,\"Directory\":[{\"key\":\"1\",\"type\":\"movie\","
          + "\"title\":\"Movies\",\"Location\":[{\"id\":1,\"path\":\"/media/movies\"}]}]}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer seerrServer = new MockWebServer();
  @StartStop final MockWebServer jellyfinServer = new MockWebServer();
  @StartStop final MockWebServer plexServer = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void movieIsMarkedAvailableInSeerrAfterLookingUpItsMedia() throws Exception {
    seerrServer.enqueue(json("{\"id\":42,\"type\":\"movie\",\"is4k\":false,\"media\":{\"id\":7}}"));
    seerrServer.enqueue(json("{\"id\":7,\"status\":5}"));

    activities().markAvailable(new SourceUpdate("seerr", "42", MediaType.MOVIE, List.of()));

    RecordedRequest lookup = seerrServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getTarget()).isEqualTo("/api/v1/request/42");
    assertThat(lookup.getHeaders().get("X-Api-Key")).isEqualTo(SEERR_KEY);
    RecordedRequest mark = seerrServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(mark.getMethod()).isEqualTo("POST");
    assertThat(mark.getTarget()).isEqualTo("/api/v1/media/7/available");
    assertThat(mark.getHeaders().get("X-Api-Key")).isEqualTo(SEERR_KEY);
    assertThat(JSON.readTree(mark.getBody().utf8()).get("is4k").asBoolean()).isFalse();
  }

  @Test
  void tvWithOnlySomeRequestedSeasonsDoneIsMarkedPartial() throws Exception {
    seerrServer.enqueue(
        json(
            "{\"id\":9,\"type\":\"tv\",\"media\":{\"id\":3},"
                + "\"seasons\":[{\"seasonNumber\":1},{\"seasonNumber\":2}]}"));
    seerrServer.enqueue(json("{}"));

    activities().markAvailable(new SourceUpdate("seerr", "9", MediaType.TV, List.of(1)));

    seerrServer.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest mark = seerrServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(mark.getMethod()).isEqualTo("POST");
    assertThat(mark.getTarget()).isEqualTo("/api/v1/media/3/partial");
    assertThat(mark.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(mark.getBody().utf8())).isEqualTo(JSON.readTree("{\"is4k\":false}"));
  }

  @Test
  void tvWithEveryRequestedSeasonDoneIsMarkedAvailableForTheRequested4kCopy() throws Exception {
    seerrServer.enqueue(
        json(
            "{\"id\":9,\"type\":\"tv\",\"is4k\":true,\"media\":{\"id\":3},"
                + "\"seasons\":[{\"seasonNumber\":1},{\"seasonNumber\":2}]}"));
    seerrServer.enqueue(json("{}"));

    activities().markAvailable(new SourceUpdate("seerr", "9", MediaType.TV, List.of(2, 1)));

    seerrServer.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest mark = seerrServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(mark.getTarget()).isEqualTo("/api/v1/media/3/available");
    assertThat(JSON.readTree(mark.getBody().utf8()).get("is4k").asBoolean()).isTrue();
  }

  @Test
  void requestGoneFromSeerrIsNonRetryableNotFoundAndNothingIsMarked() {
    seerrServer.enqueue(
        new MockResponse(404, Headers.of(), "{\"message\":\"Request not found.\"}"));

    assertFailure(
        () ->
            activities().markAvailable(new SourceUpdate("seerr", "42", MediaType.MOVIE, List.of())),
        ErrorTypes.NOT_FOUND,
        NON_RETRYABLE);
    assertThat(seerrServer.getRequestCount()).isEqualTo(1);
  }

  @Test
  void otherSourcesAreANoOp() {
    activities().markAvailable(new SourceUpdate("generic", "42", MediaType.MOVIE, List.of()));
    activities().markAvailable(null);

    assertThat(seerrServer.getRequestCount()).isZero();
  }

  @Test
  void nonNumericSeerrRequestIdIsANonRetryableBadRequest() {
    for (String id : new String[] {"abc", "0", null}) {
      assertFailure(
          () -> activities().markAvailable(new SourceUpdate("seerr", id, MediaType.TV, null)),
          ErrorTypes.BAD_REQUEST,
          NON_RETRYABLE);
    }
    assertThat(seerrServer.getRequestCount()).isZero();
  }

  @Test
  void unconfiguredServicesAreANoOp() {
    MediaLibraryActivities nothing = new MediaLibraryActivities(null, null, null);

    assertThatNoException()
        .isThrownBy(
            () -> {
              nothing.refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)"));
              nothing.markAvailable(new SourceUpdate("seerr", "42", MediaType.MOVIE, List.of()));
            });
    assertThat(seerrServer.getRequestCount()).isZero();
    assertThat(jellyfinServer.getRequestCount()).isZero();
  }

  @Test
  void refreshLibraryAsksJellyfinToRescanTheFolder() throws Exception {
    jellyfinServer.enqueue(new MockResponse(204, Headers.of(), ""));

    activities().refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)"));

    RecordedRequest request = jellyfinServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/Library/Media/Updated");
    assertThat(JSON.readTree(request.getBody().utf8()).at("/Updates/0/Path").asText())
        .isEqualTo("/media/movies/Dune (2021)");
  }

  @Test
  void refreshWithoutAPathFallsBackToAFullRefresh() throws Exception {
    jellyfinServer.enqueue(new MockResponse(204, Headers.of(), ""));

    activities().refreshLibrary(null);

    assertThat(jellyfinServer.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/Library/Refresh");
  }

  @Test
  void bothMediaServersAreAskedToRescanTheFolder() throws Exception {
    jellyfinServer.enqueue(new MockResponse(204, Headers.of(), ""));
    plexServer.enqueue(json(PLEX_SECTIONS));
    plexServer.enqueue(new MockResponse(200, Headers.of(), ""));

    withBothServers().refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)"));

    assertThat(jellyfinServer.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/Library/Media/Updated");
    assertThat(plexServer.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/library/sections");
    RecordedRequest scan = plexServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(scan.getUrl().encodedPath()).isEqualTo("/library/sections/1/refresh");
    assertThat(scan.getUrl().queryParameter("path")).isEqualTo("/media/movies/Dune (2021)");
  }

  @Test
  void aFailingJellyfinDoesNotStopPlexAndItsFailureIsReportedUnchanged() throws Exception {
    jellyfinServer.enqueue(new MockResponse(401, Headers.of(), ""));
    plexServer.enqueue(json(PLEX_SECTIONS));
    plexServer.enqueue(new MockResponse(200, Headers.of(), ""));

    ApplicationFailure failure =
        assertFailure(
            () ->
                withBothServers()
                    .refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)")),
            ErrorTypes.UNAUTHORIZED,
            NON_RETRYABLE);
    assertThat(failure.getMessage()).contains("jellyfin");
    plexServer.takeRequest(5, TimeUnit.SECONDS);
    assertThat(plexServer.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/library/sections/1/refresh");
  }

  @Test
  void aFailingPlexIsReportedAfterJellyfinRescanned() throws Exception {
    jellyfinServer.enqueue(new MockResponse(204, Headers.of(), ""));
    plexServer.enqueue(json(PLEX_SECTIONS));

    assertFailure(
        () -> withBothServers().refreshLibrary(new LibraryRefresh("wf", "/elsewhere/Dune")),
        ErrorTypes.CONFIGURATION,
        NON_RETRYABLE);
    assertThat(jellyfinServer.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/Library/Media/Updated");
    assertThat(plexServer.getRequestCount()).isEqualTo(1);
  }

  @Test
  void whenBothServersFailOneFailureNamesBothAndIsRetryableIfEitherIs() {
    jellyfinServer.enqueue(new MockResponse(503, Headers.of(), ""));
    plexServer.enqueue(new MockResponse(401, Headers.of(), ""));

    ApplicationFailure failure =
        assertFailure(
            () -> withBothServers().refreshLibrary(new LibraryRefresh("wf", "/media/movies/x")),
            ErrorTypes.SERVER_ERROR,
            RETRYABLE);
    assertThat(failure.getOriginalMessage())
        .contains("jellyfin", "503", "plex", "401")
        .doesNotContain(PLEX_TOKEN, JELLYFIN_KEY);
  }

  @Test
  void whenBothServersFailNonRetryablyTheFailureIsNonRetryable() {
    jellyfinServer.enqueue(new MockResponse(401, Headers.of(), ""));
    plexServer.enqueue(new MockResponse(403, Headers.of(), ""));

    assertFailure(
        () -> withBothServers().refreshLibrary(new LibraryRefresh("wf", "/media/movies/x")),
        ErrorTypes.UNAUTHORIZED,
        NON_RETRYABLE);
  }

  @Test
  void plexRescanHeartbeatsWhileItRuns() throws Exception {
    plexServer.enqueue(json(PLEX_SECTIONS));
    // A scan that outlasts several heartbeat periods (20 ms): quick work sends no heartbeat.
    plexServer.enqueue(
        new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS).build());
    List<Object> beats = new CopyOnWriteArrayList<>();

    new MediaLibraryActivities(
            null,
            new PlexClient(client, new PlexSettings(plexServer.url("/"), PLEX_TOKEN)),
            null,
            () -> beats::add,
            Duration.ofMillis(20))
        .refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune (2021)"));

    assertThat(beats).isNotEmpty();
    assertThat(plexServer.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aCancelledAttemptStopsBeforeTheNextServerAndIsNotCombined() {
    jellyfinServer.enqueue(
        new MockResponse.Builder().code(204).headersDelay(300, TimeUnit.MILLISECONDS).build());
    ActivityCanceledException cancelled = new ActivityCanceledException();

    MediaLibraryActivities activities =
        new MediaLibraryActivities(
            jellyfin(),
            new PlexClient(client, new PlexSettings(plexServer.url("/"), PLEX_TOKEN)),
            null,
            () ->
                details -> {
                  throw cancelled;
                },
            Duration.ofMillis(20));

    assertThatThrownBy(
            () -> activities.refreshLibrary(new LibraryRefresh("wf", "/media/movies/Dune")))
        .isSameAs(cancelled);
    assertThat(plexServer.getRequestCount()).isZero();
  }

  private MediaLibraryActivities withBothServers() {
    return new MediaLibraryActivities(
        jellyfin(),
        new PlexClient(client, new PlexSettings(plexServer.url("/"), PLEX_TOKEN)),
        null,
        () -> Heartbeat.NONE,
        Heartbeats.PERIOD);
  }

  private MediaLibraryActivities activities() {
    return new MediaLibraryActivities(
        jellyfin(),
        null,
        new SeerrClient(client, new SeerrSettings(seerrServer.url("/"), SEERR_KEY)),
        () -> Heartbeat.NONE,
        Heartbeats.PERIOD);
  }

  private JellyfinClient jellyfin() {
    return new JellyfinClient(
        client, new JellyfinSettings(jellyfinServer.url("/"), JELLYFIN_KEY, null));
  }

  private static MockResponse json(String body) {
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), body);
  }
}
