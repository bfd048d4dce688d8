package io.temporarr.activities.transmission;

import io.temporarr.activities.download.SeedingGoals;
import okhttp3.HttpUrl;

/**
 * One Transmission instance.
 *
 * @param name the client name workflows address it by (e.g. {@code transmission})
 * @param rpcUrl the RPC endpoint, e.g. {@code http://127.0.0.1:9091/transmission/rpc}
 * @param username RPC user for basic auth, or null when {@code rpc-authentication-required} is off
 * @param password RPC password, null exactly when {@code username} is
 * @param downloadDir download directory given to every added torrent, or null for the instance's
 *     default
 * @param seeding what happens to imported torrents; null means {@link SeedingGoals#KEEP}
 */
public record TransmissionSettings(
    String name,
    HttpUrl rpcUrl,
    String username,
    String password,
    String downloadDir,
    SeedingGoals seeding) {

  public TransmissionSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Transmission client needs a name");
    }
    if (rpcUrl == null) {
      throw new IllegalArgumentException(
          "Transmission '"
              + name
              + "' needs its RPC URL, e.g. http://127.0.0.1:9091/transmission/rpc");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "Transmission '" + name + "' needs both username and password, or neither");
    }
    seeding = seeding == null ? SeedingGoals.KEEP : seeding;
  }

  /** Keeps the password out of logs that print configuration. */
  @Override
  public String toString() {
    return "TransmissionSettings[name="
        + name
        + ", rpcUrl="
        + rpcUrl
        + ", auth="
        + (username != null ? "basic(" + username + ")" : "none")
        + ", downloadDir="
        + downloadDir
        + ", seeding="
        + seeding
        + "]";
  }
}
