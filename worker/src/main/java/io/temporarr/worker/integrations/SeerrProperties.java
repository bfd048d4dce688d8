package io.temporarr.worker.integrations;

import io.temporarr.activities.seerr.SeerrSettings;
import okhttp3.HttpUrl;

/**
 * The request source's API ({@code temporarr.seerr.*}: Seerr, Overseerr or Jellyseerr); without a
 * URL, requests are not marked available there.
 *
 * @param apiKey Settings → General → API key
 */
public record SeerrProperties(HttpUrl url, Secret apiKey)
    implements OptionalService<SeerrSettings> {

  @Override
  public boolean configured() {
    return url != null;
  }

  @Override
  public SeerrSettings toSettings() {
    return new SeerrSettings(url, Secret.valueOf(apiKey));
  }
}
