package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.notify.MediaLibraryActivities;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.notify.LibraryActivities;
import java.util.function.Function;
import java.util.function.Supplier;
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
    JellyfinClient jellyfin =
        ifConfigured(
            properties.jellyfin().configured(),
            "temporarr.jellyfin",
            properties.jellyfin()::toSettings,
            settings -> new JellyfinClient(temporarrHttpClient, settings));
    SeerrClient seerr =
        ifConfigured(
            properties.seerr().configured(),
            "temporarr.seerr",
            properties.seerr()::toSettings,
            settings -> new SeerrClient(temporarrHttpClient, settings));
    PlexClient plex =
        ifConfigured(
            properties.plex().configured(),
            "temporarr.plex",
            properties.plex()::toSettings,
            settings -> new PlexClient(temporarrHttpClient, settings));
    return new MediaLibraryActivities(jellyfin, plex, seerr);
  }

  /** The client of an optional service, or null when it is not configured (no URL). */
  private static <S, C> C ifConfigured(
      boolean configured, String key, Supplier<S> settings, Function<S, C> client) {
    return configured ? client.apply(checked(key, settings)) : null;
  }
}
