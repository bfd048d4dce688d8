package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.library.MediaLibraryActivities;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.library.LibraryActivities;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link LibraryActivities} port: the media servers to refresh (Jellyfin, Plex) and Seerr to
 * mark available, each only when configured.
 */
@Configuration(proxyBeanMethods = false)
class LibraryConfiguration {

  @Bean(WorkerRegistration.LIBRARY_ACTIVITIES)
  MediaLibraryActivities libraryActivities(
      IntegrationProperties properties, OkHttpClient temporarrHttpClient) {
    OkHttpClient http = temporarrHttpClient;
    JellyfinClient jellyfin =
        ifConfigured(properties.jellyfin(), "temporarr.jellyfin", http, JellyfinClient::new);
    SeerrClient seerr = ifConfigured(properties.seerr(), "temporarr.seerr", http, SeerrClient::new);
    PlexClient plex = ifConfigured(properties.plex(), "temporarr.plex", http, PlexClient::new);
    return new MediaLibraryActivities(jellyfin, plex, seerr);
  }

  /** The client of an optional service, or null when it is not configured (no URL). */
  private static <S, C> C ifConfigured(
      OptionalService<S> service,
      String key,
      OkHttpClient http,
      BiFunction<OkHttpClient, S, C> client) {
    return service.configured() ? client.apply(http, checked(key, service::toSettings)) : null;
  }
}
