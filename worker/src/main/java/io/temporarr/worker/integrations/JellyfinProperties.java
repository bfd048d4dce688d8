package io.temporarr.worker.integrations;

import io.temporarr.activities.jellyfin.JellyfinSettings;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * The media server ({@code temporarr.jellyfin.*}); without a URL, library refreshes are skipped.
 *
 * @param apiKey an admin API key (Dashboard → API Keys)
 * @param refreshTimeout how long a full library scan may take (Jellyfin answers the refresh call
 *     only when the scan ends); keep refresh-library's start-to-close above it
 */
public record JellyfinProperties(HttpUrl url, Secret apiKey, Duration refreshTimeout)
    implements OptionalService<JellyfinSettings> {

  @Override
  public boolean configured() {
    return url != null;
  }

  @Override
  public JellyfinSettings toSettings() {
    return new JellyfinSettings(url, Secret.valueOf(apiKey), refreshTimeout);
  }
}
