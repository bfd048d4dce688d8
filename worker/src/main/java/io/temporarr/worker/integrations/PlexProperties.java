package io.temporarr.worker.integrations;

import io.temporarr.activities.plex.PlexSettings;
import okhttp3.HttpUrl;

/**
 * The Plex media server ({@code temporarr.plex.*}); without a URL, Plex is not asked to rescan.
 *
 * @param token an {@code X-Plex-Token} of the server's owner
 */
public record PlexProperties(HttpUrl url, Secret token) implements OptionalService<PlexSettings> {

  @Override
  public boolean configured() {
    return url != null;
  }

  @Override
  public PlexSettings toSettings() {
    return new PlexSettings(url, Secret.valueOf(token));
  }
}
