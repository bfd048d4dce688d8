package io.temporarr.worker.integrations;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.qbittorrent.QbittorrentSettings;
import io.temporarr.activities.sabnzbd.SabnzbdSettings;
import io.temporarr.activities.transmission.TransmissionSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One download client ({@code temporarr.download-clients.<name>}); the map key is the client name
 * workflows and the download monitor use ({@code download-monitor:<name>}).
 *
 * @param type which product this is: {@code qbittorrent} (default), {@code transmission} or {@code
 *     sabnzbd}; it decides the protocol of the releases sent to it
 * @param seeding what happens to imported torrents (ignored by usenet clients)
 * @param baseUrl qBittorrent: the WebUI root, e.g. {@code http://127.0.0.1:8080/}; Transmission:
 *     the RPC URL, e.g. {@code http://127.0.0.1:9091/transmission/rpc}
 * @param username WebUI user; unset when the instance bypasses authentication for this host
 * @param password WebUI password, set exactly when {@code username} is
 * @param apiKey qBittorrent 5.2+ API key, used instead of username and password; SABnzbd's API key
 *     (required for sabnzbd)
 * @param category category given to every added torrent or usenet job
 * @param savePath save path (Transmission: download directory) given to every added torrent; unset
 *     for the client's default
 * @param pollInterval how often the shared download monitor polls this client (one API call per
 *     interval, however many downloads are active)
 */
public record DownloadClientProperties(
    @NotNull @DefaultValue("qbittorrent") DownloadClientType type,
    @NotNull HttpUrl baseUrl,
    String username,
    Secret password,
    Secret apiKey,
    String category,
    String savePath,
    @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration pollInterval,
    @Valid @DefaultValue SeedingProperties seeding) {

  /** The seeding goals of this client. */
  public SeedingGoals seedingGoals() {
    return seeding == null ? SeedingGoals.KEEP : seeding.toGoals();
  }

  QbittorrentSettings toSettings(String name) {
    return new QbittorrentSettings(
        name,
        baseUrl,
        user(),
        Secret.valueOf(password),
        Secret.valueOf(apiKey),
        category,
        savePath,
        seedingGoals());
  }

  /** Transmission: {@code baseUrl} is the RPC URL; {@code savePath} the download directory. */
  TransmissionSettings toTransmissionSettings(String name) {
    return new TransmissionSettings(
        name, baseUrl, user(), Secret.valueOf(password), savePath, seedingGoals());
  }

  /** A blank user name is no user name: the client then bypasses authentication. */
  private String user() {
    return username == null || username.isBlank() ? null : username;
  }

  SabnzbdSettings toSabnzbdSettings(String name) {
    return new SabnzbdSettings(name, baseUrl, Secret.valueOf(apiKey), category);
  }
}
