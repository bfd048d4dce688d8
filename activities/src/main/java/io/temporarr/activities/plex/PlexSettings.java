package io.temporarr.activities.plex;

import okhttp3.HttpUrl;

/**
 * @param baseUrl the Plex Media Server, e.g. {@code http://plex:32400/}
 * @param token an {@code X-Plex-Token} of the server's owner; never logged
 */
public record PlexSettings(HttpUrl baseUrl, String token) {

  public PlexSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("plex needs a base URL");
    }
    // Checked here because OkHttp's own rejection of a bad header value quotes the value.
    if (token == null || token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("plex token is missing or malformed");
    }
  }

  /** Keeps the token out of logs that print configuration. */
  @Override
  public String toString() {
    return "PlexSettings[baseUrl=" + baseUrl + ", token=***]";
  }
}
