package io.temporarr.worker.integrations;

import io.temporarr.activities.download.DownloadClientRouter;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.http.LinkGuard;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentDownloadActivities;
import io.temporarr.activities.sabnzbd.SabnzbdClient;
import io.temporarr.activities.sabnzbd.SabnzbdDownloadActivities;
import io.temporarr.activities.transmission.TransmissionClient;
import io.temporarr.activities.transmission.TransmissionDownloadActivities;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.download.DownloadActivities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link DownloadActivities} port: a router over every configured download client, each
 * product's entries served by one activities instance of that product.
 */
@Configuration(proxyBeanMethods = false)
class DownloadConfiguration {

  @Bean(WorkerRegistration.DOWNLOAD_ACTIVITIES)
  DownloadClientRouter downloadActivities(
      IntegrationProperties properties, SearchProperties search, OkHttpClient temporarrHttpClient) {
    // Download links lose their indexer API key in search results (histories); put it back here.
    Map<HttpUrl, String> indexerKeys = new LinkedHashMap<>();
    properties
        .indexers()
        .forEach(
            (name, indexer) -> indexerKeys.put(indexer.url(), Secret.valueOf(indexer.apiKey())));
    // Links come from indexers: they may point at the indexers' own hosts and at public addresses.
    List<String> allowed = new ArrayList<>(LinkCredentials.hosts(indexerKeys.keySet()));
    allowed.addAll(search.allowedLinkHosts());
    LinkCredentials links =
        CheckedSettings.checked(
            "temporarr.search.allowed-link-hosts",
            () -> LinkCredentials.of(indexerKeys, LinkGuard.allowing(allowed)));
    Map<String, DownloadActivities> byClient = new LinkedHashMap<>();
    for (DownloadClientType type : DownloadClientType.values()) {
      Map<String, DownloadClientProperties> entries = new LinkedHashMap<>();
      properties
          .downloadClients()
          .forEach(
              (name, client) -> {
                if (client.type() == type) {
                  entries.put(name, client);
                }
              });
      byClient.putAll(factory(type).build(entries, temporarrHttpClient, links));
    }
    return new DownloadClientRouter(byClient);
  }

  /** The one place that knows each product's settings, client and activities constructors. */
  static DownloadClientFactory<?, ?> factory(DownloadClientType type) {
    return switch (type) {
      case QBITTORRENT ->
          new DownloadClientFactory<>(
              DownloadClientProperties::toSettings,
              QbittorrentClient::new,
              QbittorrentDownloadActivities::new);
      case TRANSMISSION ->
          new DownloadClientFactory<>(
              DownloadClientProperties::toTransmissionSettings,
              TransmissionClient::new,
              TransmissionDownloadActivities::new);
      case SABNZBD ->
          new DownloadClientFactory<>(
              DownloadClientProperties::toSabnzbdSettings,
              SabnzbdClient::new,
              (clients, http, links) -> new SabnzbdDownloadActivities(clients, links));
    };
  }
}
