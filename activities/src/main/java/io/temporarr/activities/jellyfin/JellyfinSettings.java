package io.temporarr.activities.jellyfin;

import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * @param baseUrl the Jellyfin server, e.g. {@code http://jellyfin:8096/}
 * @param apiKey an admin API key (Dashboard → API Keys); never logged
 * @param refreshTimeout how long a full library refresh may take: Jellyfin answers {@code POST
 *     /Library/Refresh} only after the whole scan; the activity's start-to-close must be longer
 */
public record JellyfinSettings(HttpUrl baseUrl, String apiKey, Duration refreshTimeout) {

  /** A full scan of a large library takes minutes. */
  public static final Duration DEFAULT_REFRESH_TIMEOUT = Duration.ofMinutes(30);

  public JellyfinSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("jellyfin needs a base URL");
    }
    // The key is quoted inside the Authorization header: visible ASCII without quotes only.
    if (apiKey == null
        || apiKey.isEmpty()
        || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"')) {
      throw new IllegalArgumentException("jellyfin API key is missing or malformed");
    }
    if (refreshTimeout == null) {
      refreshTimeout = DEFAULT_REFRESH_TIMEOUT;
    }
    if (refreshTimeout.isNegative() || refreshTimeout.isZero()) {
      throw new IllegalArgumentException("jellyfin refresh timeout must be positive");
    }
  }

  /** Keeps the API key out of logs that print configuration. */
  @Override
  public String toString() {
    return "JellyfinSettings[baseUrl="
        + baseUrl
        + ", apiKey=***, refreshTimeout="
        + refreshTimeout
        + "]";
  }
}
