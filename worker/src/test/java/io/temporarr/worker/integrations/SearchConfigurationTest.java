package io.temporarr.worker.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.activities.torznab.IndexerGuard;
import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.worker.FailureReports;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Indexers (Torznab and Newznab), the quality profile and the search's resilience settings bind
 * from {@code temporarr.*}, and every invalid value stops start-up naming its key and the fix.
 */
@Timeout(60)
class SearchConfigurationTest {

  private final ApplicationContextRunner applicationYml =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(IntegrationsConfiguration.class);

  @StartStop public final MockWebServer prowlarr = new MockWebServer();

  private static String report(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return FailureReports.report(context.getStartupFailure());
  }

  @Test
  void newznabAndTorznabIndexersBindWithTypePriorityAndCategories() {
    applicationYml
        .withPropertyValues(
            "temporarr.indexers.geek.url=http://prowlarr:9696/2/api",
            "temporarr.indexers.geek.type=newznab",
            "temporarr.indexers.geek.priority=5",
            "temporarr.indexers.geek.movie-categories=2040,2045")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              IntegrationProperties properties = context.getBean(IntegrationProperties.class);
              TorznabIndexer geek = properties.indexers().get("geek").toIndexer("geek");
              TorznabIndexer sandbox = properties.indexers().get("sandbox").toIndexer("sandbox");
              assertThat(geek.protocol()).isEqualTo(Protocol.USENET);
              assertThat(geek.priority()).isEqualTo(5);
              assertThat(geek.movieCategories()).containsExactly(2040, 2045);
              assertThat(geek.service()).isEqualTo("Newznab indexer geek");
              assertThat(sandbox.protocol()).isEqualTo(Protocol.TORRENT);
              assertThat(sandbox.priority()).isEqualTo(25);
            });
  }

  @Test
  void theOlderProtocolKeyStillMakesAUsenetIndexer() {
    applicationYml
        .withPropertyValues(
            "temporarr.indexers.old.url=http://nzb.example/api",
            "temporarr.indexers.old.protocol=usenet")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(IntegrationProperties.class)
                            .indexers()
                            .get("old")
                            .toIndexer("old")
                            .protocol())
                    .isEqualTo(Protocol.USENET));
  }

  @Test
  void typeAndOlderProtocolThatDisagreeStopStartUp() {
    applicationYml
        .withPropertyValues(
            "temporarr.indexers.mixed.url=http://nzb.example/api",
            "temporarr.indexers.mixed.type=newznab",
            "temporarr.indexers.mixed.protocol=torrent")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.indexers.mixed.protocol: is torrent")
                    .contains("Remove temporarr.indexers.mixed.protocol"));
  }

  @Test
  void unknownIndexerTypeStopsStartUpListingTheValidOnes() {
    applicationYml
        .withPropertyValues("temporarr.indexers.sandbox.type=gopher")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.indexers.sandbox.type")
                    .contains("gopher")
                    .contains("TORZNAB")
                    .contains("NEWZNAB"));
  }

  @Test
  void unknownQualityStopsStartUpNamingTheKeyAndTheKnownQualities() {
    applicationYml
        .withPropertyValues("temporarr.release.allowed-qualities=1080p,4k")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.release.allowed-qualities: names an unknown quality '4k'")
                    .contains("Use only 2160p, 1080p, 720p, 480p, unknown"));
  }

  @Test
  void negativeSizeStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.release.max-size=-1GB")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.release.max-size: is negative")
                    .contains("Give a size such as 700MB"));
  }

  @Test
  void minimumSizeAboveMaximumStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.release.min-size=50GB", "temporarr.release.max-size=40GB")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.release.min-size")
                    .contains("Set min-size below max-size"));
  }

  @Test
  void negativeSizePerMinuteStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.release.min-mb-per-minute=-3")
        .run(
            context ->
                // Bean validation: Spring's report names the property, the value and the rule.
                assertThat(report(context))
                    .contains("Property: temporarr.release.minMbPerMinute")
                    .contains("Value: \"-3.0\"")
                    .contains("must be greater than or equal to 0"));
  }

  @Test
  void sizePerMinuteMinimumAboveMaximumStopsStartUp() {
    applicationYml
        .withPropertyValues(
            "temporarr.release.min-mb-per-minute=80", "temporarr.release.max-mb-per-minute=40")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.release.min-mb-per-minute: (80.0) is larger than")
                    .contains("Set min-mb-per-minute below max-mb-per-minute"));
  }

  @Test
  void unknownPreferredProtocolStopsStartUpListingTheValidOnes() {
    applicationYml
        .withPropertyValues("temporarr.release.preferred-protocol=ftp")
        .run(
            context ->
                assertThat(report(context))
                    .contains("temporarr.release.preferred-protocol")
                    .contains("TORRENT")
                    .contains("USENET"));
  }

  @Test
  void preferredProtocolWithoutADownloadClientForItStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.release.preferred-protocol=usenet")
        .run(
            context ->
                assertThat(report(context))
                    .contains(
                        "temporarr.release.preferred-protocol: is usenet, but no download client")
                    .contains("Add a download client for usenet (type sabnzbd)")
                    .contains("or set preferred-protocol to torrent"));
  }

  @Test
  void anInvalidCircuitBreakerSettingStopsStartUp() {
    applicationYml
        .withPropertyValues("temporarr.search.circuit-breaker.failure-rate-threshold=150")
        .run(
            context ->
                assertThat(report(context))
                    .contains("Property: temporarr.search.circuitBreaker.failureRateThreshold")
                    .contains("Value: \"150\"")
                    .contains("must be less than or equal to 100"));
  }

  @Test
  void circuitBreakerSettingsReachEveryIndexersBreaker() {
    applicationYml
        .withPropertyValues(
            "temporarr.search.timeout=20s",
            "temporarr.search.circuit-breaker.failure-rate-threshold=75",
            "temporarr.search.circuit-breaker.sliding-window-size=4",
            "temporarr.search.circuit-breaker.minimum-number-of-calls=3",
            "temporarr.search.circuit-breaker.wait-duration-in-open-state=2m",
            "temporarr.search.circuit-breaker.permitted-calls-in-half-open-state=2")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SearchProperties.class).timeout())
                  .isEqualTo(Duration.ofSeconds(20));
              IndexerGuard guard = context.getBean(IndexerGuard.class);
              assertThat(guard.registry().getAllCircuitBreakers())
                  .as("created with the search activities, before any search")
                  .extracting(b -> b.getName())
                  .containsExactly("sandbox");
              CircuitBreakerConfig config = guard.breaker("sandbox").getCircuitBreakerConfig();
              assertThat(config.getFailureRateThreshold()).isEqualTo(75f);
              assertThat(config.getSlidingWindowSize()).isEqualTo(4);
              assertThat(config.getMinimumNumberOfCalls()).isEqualTo(3);
              assertThat(config.getWaitIntervalFunctionInOpenState().apply(1))
                  .isEqualTo(Duration.ofMinutes(2).toMillis());
              assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
            });
  }

  @Test
  void usenetReleasesAreRejectedWhileOnlyATorrentClientIsConfigured() {
    prowlarr.setDispatcher(new ProwlarrFixture());
    applicationYml
        .withPropertyValues(
            "temporarr.indexers.sandbox.url=" + prowlarr.url("/1/api"),
            "temporarr.indexers.geek.url=" + prowlarr.url("/2/api"),
            "temporarr.indexers.geek.type=newznab")
        .run(
            context -> {
              SearchActivities search =
                  context.getBean(WorkerRegistration.SEARCH_ACTIVITIES, SearchActivities.class);

              SearchResult result =
                  search.search(
                      new SearchQuery(
                          "media-request:events:1",
                          MediaType.MOVIE,
                          "Sintel",
                          2010,
                          45745,
                          null,
                          null,
                          null,
                          List.of()));

              assertThat(
                      SearchConfiguration.downloadableProtocols(
                          context.getBean(IntegrationProperties.class)))
                  .containsExactly(Protocol.TORRENT);
              assertThat(result.accepted())
                  .extracting(Release::title, Release::protocol)
                  .containsExactly(tuple("Sintel.2010.1080p.BluRay.x264-T", Protocol.TORRENT));
              assertThat(result.rejected())
                  .containsExactly(
                      new Rejection(
                          "Sintel.2010.1080p.BluRay.x264-U",
                          RejectionReasons.PROTOCOL_NOT_ALLOWED));
            });
  }

  /** Prowlarr serving one Torznab indexer at /1/api and one Newznab indexer at /2/api. */
  private static final class ProwlarrFixture extends Dispatcher {
    private static final String CAPS =
        "<caps><searching><search available=\"yes\" supportedParams=\"q\"/>"
            + "<movie-search available=\"yes\" supportedParams=\"q,tmdbid\"/></searching></caps>";

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if ("caps".equals(request.getUrl().queryParameter("t"))) {
        return new MockResponse.Builder().body(CAPS).build();
      }
      boolean usenet = request.getUrl().encodedPath().startsWith("/2/");
      String item =
          usenet
              ? "<item><title>Sintel.2010.1080p.BluRay.x264-U</title><guid>u1</guid>"
                  + "<enclosure url=\"http://prowlarr/2/download?apikey=k&amp;link=u1\""
                  + " length=\"2000000000\" type=\"application/x-nzb\"/>"
                  + "<newznab:attr name=\"size\" value=\"2000000000\"/></item>"
              : "<item><title>Sintel.2010.1080p.BluRay.x264-T</title><guid>t1</guid>"
                  + "<enclosure url=\"http://prowlarr/1/download?apikey=k&amp;link=t1\""
                  + " length=\"2000000000\" type=\"application/x-bittorrent\"/>"
                  + "<torznab:attr name=\"seeders\" value=\"12\"/></item>";
      return new MockResponse.Builder()
          .body(
              "<rss version=\"2.0\" xmlns:torznab=\"http://torznab.com/schemas/2015/feed\""
                  + " xmlns:newznab=\"http://www.newznab.com/DTD/2010/feeds/attributes/\">"
                  + "<channel>"
                  + item
                  + "</channel></rss>")
          .build();
    }
  }
}
