package io.temporarr.activities.torznab;

import static io.temporarr.activities.torznab.SearchTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.CorrelationInterceptor;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.activities.release.ReleaseCriteria;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Generous: TestActivityEnvironment alone can take seconds to start on a loaded CI machine.
@Timeout(60)
class TorznabSearchActivitiesTest {
  private static final SearchQuery MATRIX = SearchTestSupport.MATRIX;
  private static final ReleaseCriteria CRITERIA =
      new ReleaseCriteria(1, null, null, null, null, null, List.of("2160p", "1080p", "720p"));

  @StartStop public final MockWebServer prowlarr = new MockWebServer();
  @StartStop public final MockWebServer jackett = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private TestActivityEnvironment testEnvironment;

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    if (testEnvironment != null) {
      testEnvironment.close();
    }
  }

  private TorznabClient client(MockWebServer server, String name, int priority) {
    return new TorznabClient(
        http, TorznabIndexer.torrent(name, server.url("/1/api"), "key-" + name, priority));
  }

  private TorznabSearchActivities activities(TorznabClient... clients) {
    return new TorznabSearchActivities(List.of(clients), CRITERIA, executor);
  }

  private static void answer(MockWebServer server, String caps, String feed) {
    server.enqueue(SearchTestSupport.xml(caps));
    server.enqueue(SearchTestSupport.xml(feed));
  }

  @Test
  void answersOfEveryIndexerAreMergedFilteredAndRankedWithDuplicatesFromTheLessPreferredIndexer()
      throws Exception {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    answer(jackett, "jackett-caps.xml", "prowlarr-movie-feed.xml");

    // Lower priority is preferred (Radarr): prowlarr's copies win.
    SearchResult result =
        activities(client(jackett, "jackett", 30), client(prowlarr, "prowlarr", 10)).search(MATRIX);

    assertThat(result.accepted())
        .extracting(Release::title, Release::indexer)
        .containsExactly(
            tuple("The.Matrix.1999.2160p.UHD.BluRay.x265.HDR-GROUP", "prowlarr"),
            tuple("The Matrix 1999 1080p BluRay x264-GRP", "prowlarr"));
    assertThat(result.rejected())
        .extracting(Rejection::reason)
        .containsExactlyInAnyOrder(
            RejectionReasons.WRONG_MEDIA,
            RejectionReasons.WRONG_MEDIA,
            RejectionReasons.MIN_SEEDERS,
            RejectionReasons.MIN_SEEDERS,
            RejectionReasons.DUPLICATE,
            RejectionReasons.DUPLICATE);
    assertThat(prowlarr.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("t"))
        .isEqualTo("caps");
    assertThat(jackett.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("t"))
        .isEqualTo("caps");
    HttpUrl jackettSearch = jackett.takeRequest(5, TimeUnit.SECONDS).getUrl();
    assertThat(jackettSearch.queryParameter("imdbid")).isEqualTo("0133093");
    assertThat(jackettSearch.queryParameter("tmdbid")).as("Jackett lists only imdbid").isNull();
    assertThat(jackettSearch.queryParameter("apikey")).isEqualTo("key-jackett");
  }

  @Test
  void queryBlocklistDropsTheReleaseSoTheNextOneLeads() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    SearchQuery retry =
        new SearchQuery(
            MATRIX.workflowId(),
            MATRIX.mediaType(),
            MATRIX.title(),
            MATRIX.year(),
            MATRIX.tmdbId(),
            MATRIX.imdbId(),
            null,
            null,
            List.of("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"));

    SearchResult result = activities(client(prowlarr, "prowlarr", 25)).search(retry);

    assertThat(result.accepted().get(0).title()).isEqualTo("The Matrix 1999 1080p BluRay x264-GRP");
    assertThat(result.rejected())
        .contains(
            new Rejection(
                "The.Matrix.1999.2160p.UHD.BluRay.x265.HDR-GROUP", RejectionReasons.BLOCKLISTED));
  }

  @Test
  void theListenerHearsEveryRejectionOfASearch() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    List<Rejection> heard = new java.util.ArrayList<>();
    TorznabSearchActivities activities =
        TorznabSearchActivities.forIndexers(
            http,
            List.of(TorznabIndexer.torrent("prowlarr", prowlarr.url("/1/api"), "key", 25)),
            CRITERIA,
            executor,
            heard::addAll);

    SearchResult result = activities.search(MATRIX);

    assertThat(heard).isNotEmpty().containsExactlyElementsOf(result.rejected());
  }

  @Test
  void indexerCallsCarryTheCorrelationIdOfTheActivityThread() throws Exception {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    org.slf4j.MDC.put(CorrelationInterceptor.MDC_KEY, "corr-7");
    try {
      activities(client(prowlarr, "prowlarr", 25)).search(MATRIX);
    } finally {
      org.slf4j.MDC.remove(CorrelationInterceptor.MDC_KEY);
    }

    assertThat(
            prowlarr
                .takeRequest(5, TimeUnit.SECONDS)
                .getHeaders()
                .get(CorrelationInterceptor.HEADER))
        .isEqualTo("corr-7");
    assertThat(
            prowlarr
                .takeRequest(5, TimeUnit.SECONDS)
                .getHeaders()
                .get(CorrelationInterceptor.HEADER))
        .isEqualTo("corr-7");
  }

  @Test
  void aFailingListenerDoesNotFailTheSearch() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    TorznabSearchActivities activities =
        new TorznabSearchActivities(
            List.of(client(prowlarr, "prowlarr", 25)),
            CRITERIA,
            executor,
            TorznabSearchActivities.DEFAULT_TIMEOUT,
            rejections -> {
              throw new IllegalStateException("metrics down");
            });

    assertThat(activities.search(MATRIX).accepted()).isNotEmpty();
  }

  @Test
  void oneIndexerFailingDoesNotFailTheSearch() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    jackett.enqueue(status(500, null));

    SearchResult result =
        activities(client(prowlarr, "prowlarr", 25), client(jackett, "jackett", 1)).search(MATRIX);

    assertThat(result.accepted()).hasSize(2).allMatch(r -> r.indexer().equals("prowlarr"));
  }

  @Test
  void unreachableIndexerDoesNotFailTheSearch() {
    answer(prowlarr, "prowlarr-caps.xml", "empty-channel.xml");
    TorznabClient unreachable =
        new TorznabClient(
            http, TorznabIndexer.torrent("down", HttpUrl.get("http://127.0.0.1:1/api"), "k", 0));

    SearchResult result = activities(unreachable, client(prowlarr, "prowlarr", 25)).search(MATRIX);

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected())
        .containsExactly(
            new Rejection("indexer down: NetworkError", RejectionReasons.INDEXER_FAILED));
  }

  @Test
  void indexerSlowerThanTheSearchTimeoutIsLeftOut() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    jackett.enqueue(SearchTestSupport.delayed("jackett-caps.xml", Duration.ofSeconds(30)));
    TorznabSearchActivities activities =
        new TorznabSearchActivities(
            List.of(client(prowlarr, "prowlarr", 25), client(jackett, "slow", 1)),
            CRITERIA,
            executor,
            Duration.ofSeconds(5));

    long start = System.nanoTime();

    SearchResult result = activities.search(MATRIX);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.accepted()).extracting(Release::indexer).containsOnly("prowlarr");
    assertThat(result.rejected())
        .contains(new Rejection("indexer slow: NetworkError", RejectionReasons.INDEXER_FAILED));
  }

  @Test
  void everyIndexerTimingOutIsARetryableNetworkError() {
    jackett.enqueue(SearchTestSupport.delayed("jackett-caps.xml", Duration.ofSeconds(30)));
    TorznabSearchActivities activities =
        new TorznabSearchActivities(
            List.of(client(jackett, "slow", 1)), CRITERIA, executor, Duration.ofMillis(300));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("slow").contains("did not answer");
  }

  @Test
  void whenEveryIndexerFailsARetryableFailureWinsWithItsRetryAfter() {
    prowlarr.enqueue(status(401, null));
    jackett.enqueue(status(429, "120"));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                activities(client(prowlarr, "prowlarr", 25), client(jackett, "jackett", 1))
                    .search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(120));
    assertThat(failure.getOriginalMessage())
        .contains("prowlarr: Unauthorized")
        .contains("jackett: RateLimited")
        .doesNotContain("key-");
  }

  @Test
  void longestRetryAfterWinsAmongRetryableFailures() {
    prowlarr.enqueue(status(503, "10"));
    jackett.enqueue(status(429, "60"));
    MockWebServer third = new MockWebServer();

    try (third) {
      third.start();
      third.enqueue(status(500, null));
      ApplicationFailure failure =
          catchThrowableOfType(
              ApplicationFailure.class,
              () ->
                  activities(
                          client(third, "third", 0),
                          client(prowlarr, "prowlarr", 25),
                          client(jackett, "jackett", 1))
                      .search(MATRIX));

      assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
      assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(60));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void retryableFailureWithoutDelayBeatsNonRetryableOnes() {
    prowlarr.enqueue(status(403, null));
    jackett.enqueue(status(502, null));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                activities(client(prowlarr, "prowlarr", 25), client(jackett, "jackett", 1))
                    .search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void unauthorizedBeatsOtherNonRetryableFailures() {
    prowlarr.enqueue(new MockResponse.Builder().body("<error code=\"203\"/>").build());
    jackett.enqueue(new MockResponse.Builder().body("<error code=\"100\"/>").build());

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                activities(client(prowlarr, "prowlarr", 25), client(jackett, "jackett", 1))
                    .search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void forbiddenBeatsIndexerErrorWhichBeatsMalformed() {
    prowlarr.enqueue(new MockResponse.Builder().body("<error code=\"910\"/>").build());
    jackett.enqueue(new MockResponse.Builder().body("<nonsense/>").build());
    MockWebServer third = new MockWebServer();
    try (third) {
      third.start();
      third.enqueue(status(403, null));

      ApplicationFailure indexerError =
          catchThrowableOfType(
              ApplicationFailure.class,
              () ->
                  activities(client(jackett, "jackett", 1), client(prowlarr, "prowlarr", 25))
                      .search(MATRIX));
      ApplicationFailure forbidden =
          catchThrowableOfType(
              ApplicationFailure.class, () -> activities(client(third, "third", 0)).search(MATRIX));

      assertThat(indexerError.getType()).isEqualTo(ErrorTypes.INDEXER_ERROR);
      assertThat(forbidden.getType()).isEqualTo(ErrorTypes.FORBIDDEN);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void unexpectedExceptionOfAClientIsRethrownAsIs() {
    TorznabClient broken = mock(TorznabClient.class);
    when(broken.indexer())
        .thenReturn(TorznabIndexer.torrent("broken", HttpUrl.get("http://x/"), null, 0));
    when(broken.searchItems(any())).thenThrow(new IllegalStateException("bug"));
    prowlarr.enqueue(status(401, null));

    IllegalStateException thrown =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> activities(broken, client(prowlarr, "prowlarr", 25)).search(MATRIX));

    assertThat(thrown).hasMessage("bug");
  }

  @Test
  void everyIndexerUnauthorizedIsANonRetryableActivityFailure() {
    prowlarr.enqueue(status(401, null));
    jackett.enqueue(new MockResponse.Builder().body(Feeds.read("error-bad-apikey.xml")).build());
    testEnvironment = TestActivityEnvironment.newInstance();
    SearchActivities stub =
        SearchTestSupport.stub(
            testEnvironment,
            activities(client(prowlarr, "prowlarr", 25), client(jackett, "jackett", 1)),
            1);

    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> stub.search(MATRIX));

    SearchTestSupport.assertFailedWith(failure, ErrorTypes.UNAUTHORIZED, true);
  }

  @Test
  void searchThroughTheActivityEnvironmentReturnsTheRankedResult() {
    answer(prowlarr, "prowlarr-caps.xml", "prowlarr-movie-feed.xml");
    testEnvironment = TestActivityEnvironment.newInstance();
    SearchActivities stub =
        SearchTestSupport.stub(
            testEnvironment,
            TorznabSearchActivities.forIndexers(
                http,
                List.of(TorznabIndexer.torrent("prowlarr", prowlarr.url("/1/api"), "k", 25)),
                CRITERIA,
                executor),
            3);

    SearchResult result = stub.search(MATRIX);

    assertThat(result.accepted()).extracting(Release::quality).containsExactly("2160p", "1080p");
  }

  @Test
  void noConfiguredIndexerIsANonRetryableConfigurationError() {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void queryWithoutMediaTypeIsANonRetryableBadRequest() {
    SearchQuery untyped = new SearchQuery("w", null, "X", null, null, null, null, null, null);

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> activities(client(prowlarr, "prowlarr", 1)).search(untyped));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.BAD_REQUEST);
    assertThat(prowlarr.getRequestCount()).isZero();
  }
}
