package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.notify.MediaLibraryActivities;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.notify.LibraryActivities;
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
}
