package io.temporarr.activities.seerr;

import okhttp3.HttpUrl;

/**
 * @param baseUrl the Seerr / Overseerr / Jellyseerr server, e.g. {@code http://seerr:5055/}
 * @param apiKey the API key (Settings → General); never logged
 */
public record SeerrSettings(HttpUrl baseUrl, String apiKey) {

  public SeerrSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("seerr needs a base URL");
    }
    // Checked here because OkHttp's own rejection of a bad header value quotes the value.
    if (apiKey == null || apiKey.isEmpty() || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("seerr API key is missing or malformed");
    }
  }

  /** Keeps the API key out of logs that print configuration. */
  @Override
  public String toString() {
    return "SeerrSettings[baseUrl=" + baseUrl + ", apiKey=***]";
  }
}
