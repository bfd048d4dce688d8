package io.temporarr.worker.activities;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.temporarr.activities.download.DownloadClientRouter;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.notify.AppriseNotifier;
import io.temporarr.activities.notify.DiscordNotifier;
import io.temporarr.activities.notify.GotifyNotifier;
import io.temporarr.activities.notify.MediaLibraryActivities;
import io.temporarr.activities.notify.Notifier;
import io.temporarr.activities.notify.NotifierActivities;
import io.temporarr.activities.notify.NtfyNotifier;
import io.temporarr.activities.notify.SlackNotifier;
import io.temporarr.activities.notify.WebhookNotifier;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.processing.FfprobeProber;
import io.temporarr.activities.processing.LibraryImporter;
import io.temporarr.activities.processing.LocalProcessingActivities;
import io.temporarr.activities.processing.MediaProber;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentDownloadActivities;
import io.temporarr.activities.release.RejectionListener;
import io.temporarr.activities.sabnzbd.SabnzbdClient;
import io.temporarr.activities.sabnzbd.SabnzbdDownloadActivities;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.activities.torznab.IndexerGuard;
import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.activities.torznab.TorznabSearchActivities;
import io.temporarr.activities.transmission.TransmissionClient;
import io.temporarr.activities.transmission.TransmissionDownloadActivities;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.search.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Builds the activity implementations of the activities module from {@code temporarr.*}. The bean
 * names are those {@link WorkerRegistration} registers on the task queue. Settings the activities
 * module rejects stop start-up with the offending key ({@link InvalidConfigurationException}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntegrationProperties.class, SearchProperties.class})
public class ActivitiesConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ActivitiesConfiguration.class);

  @Bean
  @ConfigurationPropertiesBinding
  static HttpUrlConverter httpUrlConverter() {
    return new HttpUrlConverter();
  }

  /** One shared client: every activity specialises it, so they share pool and dispatcher. */
  @Bean
  OkHttpClient temporarrHttpClient() {
    return HttpClients.create();
  }

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
        TorznabSearchActivities.clients(temporarrHttpClient, indexers),
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

  @Bean(WorkerRegistration.DOWNLOAD_ACTIVITIES)
  DownloadClientRouter downloadActivities(
      IntegrationProperties properties, OkHttpClient temporarrHttpClient) {
    // Download links lose their indexer API key in search results (histories); put it back here.
    Map<HttpUrl, String> indexerKeys = new LinkedHashMap<>();
    properties
        .indexers()
        .forEach(
            (name, indexer) -> indexerKeys.put(indexer.url(), Secret.valueOf(indexer.apiKey())));
    LinkCredentials links = LinkCredentials.of(indexerKeys);
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    byClient.putAll(qbittorrentClients(properties, temporarrHttpClient, links));
    byClient.putAll(sabnzbdClients(properties, temporarrHttpClient, links));
    byClient.putAll(transmissionClients(properties, temporarrHttpClient, links));
    return new DownloadClientRouter(byClient);
  }

  /** The qBittorrent entries, all served by one activities instance. */
  private static Map<String, DownloadActivities> qbittorrentClients(
      IntegrationProperties properties, OkHttpClient http, LinkCredentials links) {
    Map<String, QbittorrentClient> clients = new LinkedHashMap<>();
    properties
        .downloadClients()
        .forEach(
            (name, client) -> {
              if (client.type() == DownloadClientType.QBITTORRENT) {
                clients.put(
                    name,
                    new QbittorrentClient(
                        http,
                        checked(
                            "temporarr.download-clients." + name, () -> client.toSettings(name))));
              }
            });
    QbittorrentDownloadActivities activities =
        new QbittorrentDownloadActivities(clients, http, links);
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    clients.keySet().forEach(name -> byClient.put(name, activities));
    return byClient;
  }

  /** The SABnzbd entries, all served by one activities instance. */
  private static Map<String, DownloadActivities> sabnzbdClients(
      IntegrationProperties properties, OkHttpClient http, LinkCredentials links) {
    Map<String, SabnzbdClient> clients = new LinkedHashMap<>();
    properties
        .downloadClients()
        .forEach(
            (name, client) -> {
              if (client.type() == DownloadClientType.SABNZBD) {
                clients.put(
                    name,
                    new SabnzbdClient(
                        http,
                        checked(
                            "temporarr.download-clients." + name,
                            () -> client.toSabnzbdSettings(name))));
              }
            });
    SabnzbdDownloadActivities activities = new SabnzbdDownloadActivities(clients, links);
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    clients.keySet().forEach(name -> byClient.put(name, activities));
    return byClient;
  }

  /** The Transmission entries, all served by one activities instance. */
  private static Map<String, DownloadActivities> transmissionClients(
      IntegrationProperties properties, OkHttpClient http, LinkCredentials links) {
    Map<String, TransmissionClient> clients = new LinkedHashMap<>();
    properties
        .downloadClients()
        .forEach(
            (name, client) -> {
              if (client.type() == DownloadClientType.TRANSMISSION) {
                clients.put(
                    name,
                    new TransmissionClient(
                        http,
                        checked(
                            "temporarr.download-clients." + name,
                            () -> client.toTransmissionSettings(name))));
              }
            });
    TransmissionDownloadActivities activities =
        new TransmissionDownloadActivities(clients, http, links);
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    clients.keySet().forEach(name -> byClient.put(name, activities));
    return byClient;
  }

  /**
   * ffprobe, unless another {@link MediaProber} bean is present (the sandbox's, which understands
   * its simulated media files).
   */
  @Bean(WorkerRegistration.PROCESSING_ACTIVITIES)
  LocalProcessingActivities processingActivities(
      IntegrationProperties properties, ObjectProvider<MediaProber> probers) {
    ProcessingProperties processing = properties.processing();
    if (processing == null) {
      throw new InvalidConfigurationException(
          "temporarr.processing",
          "is not configured",
          "Set temporarr.processing.library.movies and temporarr.processing.library.tv to the"
              + " library roots.");
    }
    if (processing.library().createMissing()) {
      createDirectories(processing.library().movies(), "temporarr.processing.library.movies");
      createDirectories(processing.library().tv(), "temporarr.processing.library.tv");
    }
    MediaProber prober =
        probers.getIfAvailable(
            () ->
                new FfprobeProber(Path.of(processing.ffprobePath()), processing.ffprobeTimeout()));
    return new LocalProcessingActivities(
        prober,
        checked("temporarr.processing.verification", processing::toVerificationSettings),
        new LibraryImporter(checked("temporarr.processing.naming", processing::toLibrarySettings)),
        checked("temporarr.processing.path-mappings", processing::toPathMappings));
  }

  @Bean(WorkerRegistration.NOTIFICATION_ACTIVITIES)
  NotifierActivities notificationActivities(
      IntegrationProperties properties, OkHttpClient temporarrHttpClient) {
    List<Notifier> notifiers = new ArrayList<>();
    properties
        .notifiers()
        .forEach(
            (name, notifier) -> {
              String key = "temporarr.notifiers." + name;
              notifiers.add(
                  switch (notifier.type()) {
                    case NTFY ->
                        new NtfyNotifier(
                            temporarrHttpClient, checked(key, () -> notifier.toNtfySettings(name)));
                    case WEBHOOK ->
                        new WebhookNotifier(
                            temporarrHttpClient,
                            checked(key, () -> notifier.toWebhookSettings(name)));
                    case DISCORD ->
                        new DiscordNotifier(
                            temporarrHttpClient,
                            checked(key, () -> notifier.toDiscordSettings(name)));
                    case SLACK ->
                        new SlackNotifier(
                            temporarrHttpClient,
                            checked(key, () -> notifier.toSlackSettings(name)));
                    case GOTIFY ->
                        new GotifyNotifier(
                            temporarrHttpClient,
                            checked(key, () -> notifier.toGotifySettings(name)));
                    case APPRISE ->
                        new AppriseNotifier(
                            temporarrHttpClient,
                            checked(key, () -> notifier.toAppriseSettings(name)));
                  });
            });
    return new NotifierActivities(notifiers);
  }

  @Bean(WorkerRegistration.LIBRARY_ACTIVITIES)
  MediaLibraryActivities libraryActivities(
      IntegrationProperties properties, OkHttpClient temporarrHttpClient) {
    JellyfinClient jellyfin =
        properties.jellyfin().configured()
            ? new JellyfinClient(
                temporarrHttpClient,
                checked("temporarr.jellyfin", () -> properties.jellyfin().toSettings()))
            : null;
    SeerrClient seerr =
        properties.seerr().configured()
            ? new SeerrClient(
                temporarrHttpClient,
                checked("temporarr.seerr", () -> properties.seerr().toSettings()))
            : null;
    PlexClient plex =
        properties.plex().configured()
            ? new PlexClient(
                temporarrHttpClient,
                checked("temporarr.plex", () -> properties.plex().toSettings()))
            : null;
    return new MediaLibraryActivities(jellyfin, plex, seerr);
  }

  private static void createDirectories(Path root, String key) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          key,
          "cannot create " + root + " (" + e.getClass().getSimpleName() + ")",
          "Point " + key + " at a writable folder.");
    }
  }

  /**
   * The activities module validates its settings in constructors; this names the key at fault.
   * Their messages never hold secret values.
   */
  private static <T> T checked(String key, Supplier<T> settings) {
    try {
      return settings.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          key,
          e.getMessage(),
          "Correct " + key + " in application.yml or its environment variable.");
    }
  }
}
