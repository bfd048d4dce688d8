package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.temporarr.activities.release.RejectionListener;
import io.temporarr.activities.torznab.IndexerGuard;
import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.activities.torznab.TorznabSearchActivities;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.SearchActivities;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The {@link SearchActivities} port: the configured indexers behind one guard per worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

  /** Parallel indexer queries of one search; idle threads go away after a minute. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService indexerSearchExecutor() {
    CustomizableThreadFactory threads = new CustomizableThreadFactory("indexer-search-");
    threads.setDaemon(true);
    return Executors.newCachedThreadPool(threads);
  }

  /** Circuit breakers and 429 back-offs of the indexers: one per worker, shared by every search. */
  @Bean
  IndexerGuard indexerGuard(SearchProperties search) {
    return search.toGuard(Clock.systemUTC());
  }

  /**
   * Each indexer's breaker as {@code resilience4j_circuitbreaker_state{name="<indexer>"}}: Spring
   * Boot binds every MeterBinder bean to the worker's MeterRegistry.
   */
  @Bean
  TaggedCircuitBreakerMetrics indexerCircuitBreakerMetrics(IndexerGuard indexerGuard) {
    return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(indexerGuard.registry());
  }

  @Bean(WorkerRegistration.SEARCH_ACTIVITIES)
  TorznabSearchActivities searchActivities(
      IntegrationProperties properties,
      SearchProperties search,
      OkHttpClient temporarrHttpClient,
      ExecutorService indexerSearchExecutor,
      IndexerGuard indexerGuard,
      ObjectProvider<RejectionListener> releaseRejections) {
    if (properties.indexers().isEmpty()) {
      log.warn("No indexer configured (temporarr.indexers): every search will need attention");
    }
    Set<Protocol> downloadable = downloadableProtocols(properties);
    List<TorznabIndexer> indexers = new ArrayList<>();
    properties
        .indexers()
        .forEach(
            (name, indexer) -> {
              indexers.add(checked("temporarr.indexers." + name, () -> indexer.toIndexer(name)));
              if (!downloadable.isEmpty() && !downloadable.contains(indexer.releaseProtocol())) {
                log.warn(
                    "Indexer {} finds {} releases but no download client handles them: each one"
                        + " will be rejected",
                    name,
                    indexer.releaseProtocol());
              }
            });
    return new TorznabSearchActivities(
        TorznabSearchActivities.clients(
            temporarrHttpClient, indexers, checked("temporarr.search", search::toFeedLimits)),
        checked("temporarr.release", () -> properties.release().toCriteria(downloadable)),
        indexerSearchExecutor,
        search.timeout(),
        releaseRejections.getIfAvailable(() -> RejectionListener.NONE),
        indexerGuard);
  }

  /** The protocols of the configured download clients; releases of any other are rejected. */
  static Set<Protocol> downloadableProtocols(IntegrationProperties properties) {
    Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
    properties
        .downloadClients()
        .values()
        .forEach(client -> protocols.add(client.type().protocol()));
    return protocols;
  }
}
