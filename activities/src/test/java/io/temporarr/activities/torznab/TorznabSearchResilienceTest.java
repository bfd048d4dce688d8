package io.temporarr.activities.torznab;

import static io.temporarr.activities.torznab.SearchTestSupport.status;
import static io.temporarr.activities.torznab.SearchTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.release.RejectionListener;
import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.activities.release.ReleaseCriteria;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several indexers of both protocols in one search, and what keeps a bad one from failing it: the
 * 429 back-off, the per-indexer circuit breaker, the search timeout and typed failures per indexer.
 */
@Timeout(60)
class TorznabSearchResilienceTest {
  private static final SearchQuery MATRIX = SearchTestSupport.matrix(136);
  private static final ReleaseCriteria CRITERIA =
      new ReleaseCriteria(1, null, null, null, null, null, List.of("2160p", "1080p", "720p"));
  private static final String JACKETT_PATH = "/api/v2.0/indexers/yts/results/torznab/api";

  @StartStop public final MockWebServer prowlarrTorrent = new MockWebServer();
  @StartStop public final MockWebServer prowlarrUsenet = new MockWebServer();
  @StartStop public final MockWebServer jackett = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = mock(Clock.class);
  private TestActivityEnvironment testEnvironment;

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    if (testEnvironment != null) {
      testEnvironment.close();
    }
  }

  @BeforeEach
  void stopTheClock() {
    // Back-offs and breaker waits pass by moving this clock, never by sleeping.
    when(clock.instant()).thenAnswer(invocation -> now.get());
  }

  private void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  /** Opens after 2 calls of which half failed; half-open after 30 s with 1 trial call. */
  private IndexerGuard smallGuard() {
    return new IndexerGuard(
        CircuitBreakerConfig.custom()
            .slidingWindowSize(2)
            .minimumNumberOfCalls(2)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(1)
            .build(),
        clock,
        Duration.ofSeconds(60));
  }

  private static TorznabIndexer torznab(String name, HttpUrl url, int priority) {
    return TorznabIndexer.torrent(name, url, "key-" + name, priority);
  }

  private TorznabSearchActivities activities(
      ReleaseCriteria criteria, IndexerGuard guard, Duration timeout, TorznabIndexer... indexers) {
    return new TorznabSearchActivities(
        TorznabSearchActivities.clients(http, List.of(indexers)),
        criteria,
        executor,
        timeout,
        RejectionListener.NONE,
        guard);
  }

  private TorznabSearchActivities activities(IndexerGuard guard, TorznabIndexer... indexers) {
    return activities(CRITERIA, guard, TorznabSearchActivities.DEFAULT_TIMEOUT, indexers);
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void prowlarrTorznabAndNewznabAndJackettAnswerOneSearchTogether() throws Exception {
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    prowlarrUsenet.enqueue(xml("prowlarr-caps.xml"));
    prowlarrUsenet.enqueue(xml("prowlarr-newznab-movie-feed.xml"));
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(xml("jackett-movie-feed.xml"));
    ReleaseCriteria preferUsenet =
        new ReleaseCriteria(
            1,
            null,
            null,
            null,
            null,
            null,
            List.of("2160p", "1080p", "720p"),
            null,
            null,
            Protocol.USENET,
            Set.of(Protocol.TORRENT, Protocol.USENET));

    SearchResult result =
        activities(
                preferUsenet,
                IndexerGuard.defaults(),
                TorznabSearchActivities.DEFAULT_TIMEOUT,
                torznab("prowlarr-tracker", prowlarrTorrent.url("/1/api"), 20),
                TorznabIndexer.usenet(
                    "prowlarr-nzbgeek", prowlarrUsenet.url("/2/api"), "key-nzb", 25),
                torznab("jackett-yts", jackett.url(JACKETT_PATH), 10))
            .search(MATRIX);

    // Quality first; among 1080p the preferred protocol, then the lower indexer priority.
    assertThat(result.accepted())
        .extracting(Release::title, Release::indexer, Release::protocol)
        .containsExactly(
            tuple(
                "The.Matrix.1999.2160p.UHD.BluRay.x265.HDR-GROUP",
                "prowlarr-tracker",
                Protocol.TORRENT),
            tuple(
                "The.Matrix.1999.1080p.BluRay.DTS.x264-NZBGRP",
                "prowlarr-nzbgeek",
                Protocol.USENET),
            tuple(
                "The Matrix (1999) [1080p] [BluRay] [5.1] [YTS.MX]",
                "jackett-yts",
                Protocol.TORRENT),
            tuple("The Matrix 1999 1080p BluRay x264-GRP", "prowlarr-tracker", Protocol.TORRENT),
            tuple("The.Matrix.1999.720p.BluRay.x264-NZBGRP", "prowlarr-nzbgeek", Protocol.USENET));
    Release nzb = result.accepted().get(1);
    HttpUrl nzbLink = HttpUrl.get(nzb.downloadUrl());
    assertThat(nzbLink.encodedPath()).isEqualTo("/2/download");
    assertThat(nzbLink.queryParameter("link")).isEqualTo("nzb1");
    assertThat(nzbLink.queryParameter("apikey")).isEqualTo("redacted");
    assertThat(nzb.infoHash()).isNull();
    assertThat(nzb.seeders()).isZero();
    assertThat(nzb.sizeBytes()).isEqualTo(12884901888L);
    assertThat(result.accepted().get(2).downloadUrl())
        .contains("jackett_apikey=redacted")
        .doesNotContain("jackettkey");

    assertThat(take(jackett).getUrl().encodedPath()).isEqualTo(JACKETT_PATH);
    HttpUrl jackettSearch = take(jackett).getUrl();
    assertThat(jackettSearch.encodedPath()).isEqualTo(JACKETT_PATH);
    assertThat(jackettSearch.queryParameter("t")).isEqualTo("movie");
    assertThat(jackettSearch.queryParameter("imdbid")).isEqualTo("0133093");
    assertThat(jackettSearch.queryParameter("apikey")).isEqualTo("key-jackett-yts");
    take(prowlarrUsenet);
    HttpUrl newznabSearch = take(prowlarrUsenet).getUrl();
    assertThat(newznabSearch.encodedPath()).isEqualTo("/2/api");
    assertThat(newznabSearch.queryParameter("t")).isEqualTo("movie");
    assertThat(newznabSearch.queryParameter("tmdbid")).isEqualTo("603");
    assertThat(newznabSearch.queryParameter("cat")).isEqualTo("2000,2030,2040,2045");
    assertThat(newznabSearch.queryParameter("apikey")).isEqualTo("key-nzb");
  }

  @Test
  void releasesOfAProtocolWithoutDownloadClientAreRejectedWithTheirReason() {
    prowlarrUsenet.enqueue(xml("prowlarr-caps.xml"));
    prowlarrUsenet.enqueue(xml("prowlarr-newznab-movie-feed.xml"));
    ReleaseCriteria torrentsOnly =
        new ReleaseCriteria(
            1, null, null, null, null, null, null, null, null, null, Set.of(Protocol.TORRENT));

    SearchResult result =
        activities(
                torrentsOnly,
                IndexerGuard.defaults(),
                TorznabSearchActivities.DEFAULT_TIMEOUT,
                TorznabIndexer.usenet("nzb", prowlarrUsenet.url("/2/api"), "k", 25))
            .search(MATRIX);

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected())
        .extracting(Rejection::reason)
        .containsOnly(RejectionReasons.PROTOCOL_NOT_ALLOWED)
        .hasSize(2);
  }

  @Test
  void rateLimitedIndexerIsSkippedUntilItsRetryAfterWithoutFailingTheSearch() throws Exception {
    IndexerGuard guard = smallGuard();
    TorznabSearchActivities activities =
        activities(
            guard,
            torznab("limited", jackett.url(JACKETT_PATH), 10),
            torznab("healthy", prowlarrTorrent.url("/1/api"), 20));
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(status(429, "120"));
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    for (int i = 0; i < 3; i++) {
      prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    }

    SearchResult first = activities.search(MATRIX);
    SearchResult whileBackingOff = activities.search(MATRIX);
    int askedWhileBackingOff = jackett.getRequestCount();
    advance(Duration.ofSeconds(121));
    jackett.enqueue(xml("jackett-movie-feed.xml"));
    SearchResult afterwards = activities.search(MATRIX);

    assertThat(first.accepted()).extracting(Release::indexer).containsOnly("healthy");
    assertThat(first.rejected())
        .contains(
            new Rejection(
                "indexer limited: RateLimited (retry in 120s)",
                RejectionReasons.INDEXER_RATE_LIMITED));
    assertThat(askedWhileBackingOff).as("caps + the 429, nothing while backing off").isEqualTo(2);
    assertThat(whileBackingOff.rejected())
        .contains(
            new Rejection(
                "indexer limited: RateLimited (retry in 120s)",
                RejectionReasons.INDEXER_RATE_LIMITED));
    assertThat(afterwards.accepted()).extracting(Release::indexer).contains("limited", "healthy");
    assertThat(afterwards.rejected())
        .extracting(Rejection::reason)
        .doesNotContain(RejectionReasons.INDEXER_RATE_LIMITED);
    assertThat(guard.breaker("limited").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(guard.breaker("limited").getMetrics().getNumberOfFailedCalls())
        .as("a 429 is the back-off's business, not a sign of a broken indexer")
        .isZero();
  }

  @Test
  void torznabRequestLimitErrorWithoutRetryAfterBacksOffForTheConfiguredTime() {
    TorznabSearchActivities activities =
        activities(
            smallGuard(),
            torznab("limited", jackett.url(JACKETT_PATH), 10),
            torznab("healthy", prowlarrTorrent.url("/1/api"), 20));
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(
        new MockResponse.Builder()
            .body("<error code=\"500\" description=\"Request limit reached\"/>")
            .build());
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));

    activities.search(MATRIX);
    advance(Duration.ofSeconds(59));
    SearchResult stillResting = activities.search(MATRIX);

    assertThat(jackett.getRequestCount()).isEqualTo(2);
    assertThat(stillResting.rejected())
        .contains(
            new Rejection(
                "indexer limited: RateLimited (retry in 1s)",
                RejectionReasons.INDEXER_RATE_LIMITED));
  }

  @Test
  void breakerOpensAfterRepeatedFailuresAndAHalfOpenTrialClosesIt() {
    IndexerGuard guard = smallGuard();
    TorznabSearchActivities activities =
        activities(
            guard,
            torznab("flaky", jackett.url(JACKETT_PATH), 10),
            torznab("healthy", prowlarrTorrent.url("/1/api"), 20));
    jackett.enqueue(status(500, null));
    jackett.enqueue(status(502, null));
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    for (int i = 0; i < 4; i++) {
      prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    }

    SearchResult firstFailure = activities.search(MATRIX);
    activities.search(MATRIX);
    CircuitBreaker.State afterTwoFailures = guard.breaker("flaky").getState();
    SearchResult whileOpen = activities.search(MATRIX);
    int askedWhileOpen = jackett.getRequestCount();
    advance(Duration.ofSeconds(31));
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(xml("jackett-movie-feed.xml"));
    SearchResult trial = activities.search(MATRIX);

    assertThat(firstFailure.rejected())
        .contains(new Rejection("indexer flaky: ServerError", RejectionReasons.INDEXER_FAILED));
    assertThat(afterTwoFailures).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(askedWhileOpen).as("an open breaker keeps the indexer out").isEqualTo(2);
    assertThat(whileOpen.accepted()).extracting(Release::indexer).containsOnly("healthy");
    assertThat(whileOpen.rejected())
        .contains(
            new Rejection(
                "indexer flaky: ServerError (retry in 30s)",
                RejectionReasons.INDEXER_CIRCUIT_OPEN));
    assertThat(trial.accepted()).extracting(Release::indexer).contains("flaky", "healthy");
    assertThat(guard.breaker("flaky").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void whenEveryIndexerIsSkippedTheSearchFailsRetryablyAfterTheBreakerWait() {
    IndexerGuard guard = smallGuard();
    TorznabSearchActivities activities =
        activities(guard, torznab("down", jackett.url(JACKETT_PATH), 10));
    jackett.enqueue(status(503, null));
    jackett.enqueue(status(503, null));
    catchThrowableOfType(ApplicationFailure.class, () -> activities.search(MATRIX));
    catchThrowableOfType(ApplicationFailure.class, () -> activities.search(MATRIX));

    ApplicationFailure skipped =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.search(MATRIX));

    assertThat(jackett.getRequestCount()).isEqualTo(2);
    assertThat(skipped.isNonRetryable()).isFalse();
    assertThat(skipped.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
    assertThat(skipped.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(skipped.getOriginalMessage()).contains("circuit breaker is open");
  }

  @Test
  void malformedFeedFailsOnlyThatIndexerAndTheOthersStillAnswer() {
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(xml("malformed.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));

    SearchResult result =
        activities(
                IndexerGuard.defaults(),
                torznab("broken", jackett.url(JACKETT_PATH), 10),
                torznab("healthy", prowlarrTorrent.url("/1/api"), 20))
            .search(MATRIX);

    assertThat(result.accepted()).isNotEmpty().extracting(Release::indexer).containsOnly("healthy");
    assertThat(result.rejected())
        .contains(
            new Rejection("indexer broken: MalformedResponse", RejectionReasons.INDEXER_FAILED));
  }

  @Test
  void malformedFeedOfTheOnlyIndexerIsANonRetryableActivityFailure() {
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(xml("malformed.xml"));
    testEnvironment = TestActivityEnvironment.newInstance();
    SearchActivities stub =
        SearchTestSupport.stub(
            testEnvironment,
            activities(IndexerGuard.defaults(), torznab("broken", jackett.url(JACKETT_PATH), 10)),
            3);

    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> stub.search(MATRIX));

    SearchTestSupport.assertFailedWith(failure, ErrorTypes.MALFORMED_RESPONSE, true);
    assertThat(jackett.getRequestCount()).as("not retried").isEqualTo(2);
  }

  @Test
  void indexersAreAskedInParallel() {
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(
        SearchTestSupport.delayed("prowlarr-movie-feed.xml", Duration.ofMillis(1500)));
    jackett.enqueue(xml("jackett-caps.xml"));
    jackett.enqueue(SearchTestSupport.delayed("jackett-movie-feed.xml", Duration.ofMillis(1500)));

    // One after the other would take over 3 s: the second would miss the 2.8 s budget.
    SearchResult result =
        activities(
                CRITERIA,
                IndexerGuard.defaults(),
                Duration.ofMillis(2800),
                torznab("prowlarr", prowlarrTorrent.url("/1/api"), 20),
                torznab("jackett", jackett.url(JACKETT_PATH), 10))
            .search(MATRIX);

    assertThat(result.accepted()).extracting(Release::indexer).contains("prowlarr", "jackett");
  }

  @Test
  void sizePerMinuteOfAMovieRuntimeAppliesAndWithoutRuntimeTheAbsoluteLimitsDo() {
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    // 136 min × 50 MB/min = 6800 MiB: both the 30 GiB 2160p and the 10 GiB 1080p are too large.
    ReleaseCriteria perMinute =
        new ReleaseCriteria(
            1,
            null,
            40L << 30,
            null,
            null,
            null,
            List.of("2160p", "1080p"),
            null,
            50.0,
            null,
            null);
    TorznabSearchActivities activities =
        activities(
            perMinute,
            IndexerGuard.defaults(),
            TorznabSearchActivities.DEFAULT_TIMEOUT,
            torznab("prowlarr", prowlarrTorrent.url("/1/api"), 20));
    SearchQuery unknownRuntime =
        new SearchQuery(
            MATRIX.workflowId(),
            MediaType.MOVIE,
            MATRIX.title(),
            MATRIX.year(),
            MATRIX.tmdbId(),
            MATRIX.imdbId(),
            null,
            null,
            List.of());
    SearchQuery tvWithRuntime =
        new SearchQuery(
            MATRIX.workflowId(), MediaType.TV, "The Matrix", null, null, null, null, 1, null, 136);

    SearchResult known = activities.search(MATRIX);
    SearchResult unknown = activities.search(unknownRuntime);
    SearchResult tv = activities.search(tvWithRuntime);

    assertThat(known.accepted()).isEmpty();
    assertThat(known.rejected())
        .filteredOn(r -> r.reason().equals(RejectionReasons.TOO_LARGE))
        .extracting(Rejection::title)
        .containsExactlyInAnyOrder(
            "The.Matrix.1999.2160p.UHD.BluRay.x265.HDR-GROUP",
            "The Matrix 1999 1080p BluRay x264-GRP");
    assertThat(unknown.accepted()).hasSize(2);
    assertThat(tv.accepted()).as("a season pack is not one runtime long").isNotEmpty();
  }

  @Test
  void theListenerHearsReleaseRejectionsButNotIndexerReports() {
    jackett.enqueue(status(500, null));
    prowlarrTorrent.enqueue(xml("prowlarr-caps.xml"));
    prowlarrTorrent.enqueue(xml("prowlarr-movie-feed.xml"));
    List<Rejection> heard = new ArrayList<>();
    TorznabSearchActivities activities =
        new TorznabSearchActivities(
            TorznabSearchActivities.clients(
                http,
                List.of(
                    torznab("down", jackett.url(JACKETT_PATH), 10),
                    torznab("up", prowlarrTorrent.url("/1/api"), 20))),
            CRITERIA,
            executor,
            TorznabSearchActivities.DEFAULT_TIMEOUT,
            heard::addAll,
            IndexerGuard.defaults());

    SearchResult result = activities.search(MATRIX);

    assertThat(result.rejected())
        .contains(new Rejection("indexer down: ServerError", RejectionReasons.INDEXER_FAILED));
    assertThat(heard).isNotEmpty().extracting(Rejection::reason).doesNotContain("indexer-failed");
  }
}
