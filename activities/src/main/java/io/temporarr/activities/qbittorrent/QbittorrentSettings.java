package io.temporarr.activities.qbittorrent;

import io.temporarr.activities.download.SeedingGoals;
import okhttp3.HttpUrl;

/**
 * One qBittorrent instance.
 *
 * @param name the client name workflows address it by (e.g. {@code qbittorrent})
 * @param baseUrl the WebUI root, e.g. {@code http://127.0.0.1:8080/} (a reverse-proxy path prefix
 *     is kept)
 * @param username WebUI user, or null when the instance bypasses authentication for this host
 *     (LocalHostAuth off, or a whitelisted subnet) or an API key is used
 * @param password WebUI password, null exactly when {@code username} is
 * @param apiKey qBittorrent 5.2+ API key ({@code qbt_…}) sent as Bearer instead of logging in, or
 *     null
 * @param category category given to every added torrent, or null for none
 * @param savePath save path given to every added torrent, or null for the instance's default
 * @param seeding what happens to imported torrents; null means {@link SeedingGoals#KEEP}
 */
public record QbittorrentSettings(
    String name,
    HttpUrl baseUrl,
    String username,
    String password,
    String apiKey,
    String category,
    String savePath,
    SeedingGoals seeding) {

  public QbittorrentSettings {
    seeding = seeding == null ? SeedingGoals.KEEP : seeding;
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("qBittorrent client needs a name");
    }
    if (baseUrl == null) {
      throw new IllegalArgumentException("qBittorrent '" + name + "' needs a base URL");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "qBittorrent '" + name + "' needs both username and password, or neither");
    }
    if (apiKey != null && (apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > 32 && c < 127))) {
      throw new IllegalArgumentException(
          "qBittorrent '" + name + "' API key must be printable ASCII without spaces");
    }
  }

  /** An instance whose imported torrents keep seeding ({@link SeedingGoals#KEEP}). */
  public QbittorrentSettings(
      String name,
      HttpUrl baseUrl,
      String username,
      String password,
      String apiKey,
      String category,
      String savePath) {
    this(name, baseUrl, username, password, apiKey, category, savePath, SeedingGoals.KEEP);
  }

  /** These settings with other seeding goals. */
  public QbittorrentSettings withSeeding(SeedingGoals goals) {
    return new QbittorrentSettings(
        name, baseUrl, username, password, apiKey, category, savePath, goals);
  }

  /** An instance that needs no credentials from this host (LocalHostAuth off, whitelisted). */
  public static QbittorrentSettings withoutLogin(String name, HttpUrl baseUrl, String category) {
    return new QbittorrentSettings(name, baseUrl, null, null, null, category, null);
  }

  /** True when the client logs in with username and password (no API key). */
  boolean logsIn() {
    return apiKey == null && username != null;
  }

  /** Keeps the password and API key out of logs that print configuration. */
  @Override
  public String toString() {
    return "QbittorrentSettings[name="
        + name
        + ", baseUrl="
        + baseUrl
        + ", auth="
        + (apiKey != null ? "apiKey" : username != null ? "login(" + username + ")" : "none")
        + ", category="
        + category
        + ", savePath="
        + savePath
        + ", seeding="
        + seeding
        + "]";
  }
}
