package io.temporarr.worker.integrations;

import jakarta.validation.Valid;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The external systems activities talk to: indexers, release criteria, download clients,
 * processing, notifiers, Jellyfin, Seerr and Plex. Indexers, download clients and notifiers are
 * maps keyed by name rather than lists, so one environment variable can set one value of one entry
 * ({@code TEMPORARR_INDEXERS_SANDBOX_APIKEY}, {@code
 * TEMPORARR_DOWNLOADCLIENTS_QBITTORRENT_PASSWORD}): Spring merges map entries across sources but
 * replaces a list as a whole.
 */
@Validated
@ConfigurationProperties(prefix = "temporarr")
public record IntegrationProperties(
    Map<String, @Valid IndexerProperties> indexers,
    @Valid @DefaultValue ReleaseProperties release,
    Map<String, @Valid DownloadClientProperties> downloadClients,
    @Valid ProcessingProperties processing,
    Map<String, @Valid NotifierProperties> notifiers,
    @Valid @DefaultValue JellyfinProperties jellyfin,
    @Valid @DefaultValue SeerrProperties seerr,
    @Valid @DefaultValue PlexProperties plex) {

  public IntegrationProperties {
    indexers = ordered(indexers);
    downloadClients = ordered(downloadClients);
    notifiers = ordered(notifiers);
  }

  /** Keeps the configured order, so clients and notifiers are built and logged predictably. */
  private static <T> Map<String, T> ordered(Map<String, T> byName) {
    return byName == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }
}
