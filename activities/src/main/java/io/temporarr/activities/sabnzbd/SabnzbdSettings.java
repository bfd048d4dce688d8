package io.temporarr.activities.sabnzbd;

import okhttp3.HttpUrl;

/**
 * One SABnzbd instance.
 *
 * @param name the client name workflows address it by (e.g. {@code sabnzbd})
 * @param baseUrl the web root, e.g. {@code http://127.0.0.1:8085/} (a reverse-proxy path prefix or
 *     SABnzbd's {@code url_base} is kept); the API lives at {@code <baseUrl>api}
 * @param apiKey the full API key (Config → General); sent as the {@code apikey} query parameter
 * @param category category given to every added job, or null for SABnzbd's default
 */
public record SabnzbdSettings(String name, HttpUrl baseUrl, String apiKey, String category) {

  public SabnzbdSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("SABnzbd client needs a name");
    }
    if (baseUrl == null) {
      throw new IllegalArgumentException("SABnzbd '" + name + "' needs a base URL");
    }
    if (apiKey == null || apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException(
          "SABnzbd '" + name + "' needs an API key of printable ASCII without spaces");
    }
    category = category == null || category.isBlank() ? null : category.trim();
  }

  /** Keeps the API key out of logs that print configuration. */
  @Override
  public String toString() {
    return "SabnzbdSettings[name=" + name + ", baseUrl=" + baseUrl + ", category=" + category + "]";
  }
}
