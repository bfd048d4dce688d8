package io.temporarr.worker.sandbox;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sandbox: local simulators of an indexer, a download client, a media server and
 * notification receivers for the embedded default, never used against real services. Everything is
 * off unless {@code temporarr.sandbox.enabled=true}.
 *
 * @param enabled turns the simulators on (served under {@code /sandbox} by the worker's web server)
 * @param downloadDuration how long a simulated torrent takes from added to complete
 * @param downloadsDir where the simulated download client writes completed downloads when the add
 *     call names no save path; default {@code ${java.io.tmpdir}/temporarr-sandbox/downloads}
 * @param releasesPerSearch how many releases the simulated indexer fabricates per query (1–3: a
 *     1080p, then a 2160p, then a 720p one)
 * @param fileSize size of the one video file written per completed download; the indexer still
 *     advertises realistic sizes so size filters behave as with a real indexer
 * @param mediaDuration the running time the simulated media files claim (and the sandbox media
 *     prober reports)
 * @param apiKey the Torznab API key the simulated indexer requires; null accepts any non-blank key
 * @param username the qBittorrent user the simulated download client requires; null accepts any
 * @param password the qBittorrent password required together with {@code username}
 * @param jellyfinToken the token the simulated media server requires; null accepts any non-blank
 * @param notificationsKept how many received notifications are kept in memory (oldest dropped)
 * @param simulatedProbe when {@link SandboxMediaProber} stands in for ffprobe: by default only when
 *     no {@code ffprobe} is on the PATH; {@code always} lets the sandbox's fake files pass
 *     verification on a machine that has ffprobe (real ffprobe rejects them)
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.sandbox")
public record SandboxProperties(
    @DefaultValue("false") boolean enabled,
    @NotNull @DurationMin(seconds = 0) @DefaultValue("20s") Duration downloadDuration,
    Path downloadsDir,
    @Min(1) @Max(3) @DefaultValue("3") int releasesPerSearch,
    @NotNull @DefaultValue("4MB") DataSize fileSize,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("100m") Duration mediaDuration,
    String apiKey,
    String username,
    String password,
    String jellyfinToken,
    @Min(1) @Max(10_000) @DefaultValue("200") int notificationsKept,
    @NotNull @DefaultValue("when-ffprobe-missing") SimulatedProbe simulatedProbe) {

  /** When the sandbox media prober replaces ffprobe. */
  public enum SimulatedProbe {
    WHEN_FFPROBE_MISSING,
    ALWAYS,
    NEVER
  }

  /** Smallest file that still holds the sandbox media header. */
  static final DataSize MIN_FILE_SIZE = DataSize.ofKilobytes(1);

  /** Keeps a misconfigured sandbox from filling the temp disk. */
  static final DataSize MAX_FILE_SIZE = DataSize.ofGigabytes(1);

  public SandboxProperties {
    downloadsDir =
        downloadsDir != null
            ? downloadsDir
            : Path.of(System.getProperty("java.io.tmpdir"), "temporarr-sandbox", "downloads");
  }

  /** All defaults, sandbox on: what tests and the embedded default start from. */
  public static SandboxProperties defaults() {
    return new SandboxProperties(
        true,
        Duration.ofSeconds(20),
        null,
        3,
        DataSize.ofMegabytes(4),
        Duration.ofMinutes(100),
        null,
        null,
        null,
        null,
        200,
        SimulatedProbe.WHEN_FFPROBE_MISSING);
  }

  @AssertTrue(message = "file-size must be between 1KB and 1GB")
  boolean isFileSizeInRange() {
    return fileSize == null
        || (fileSize.compareTo(MIN_FILE_SIZE) >= 0 && fileSize.compareTo(MAX_FILE_SIZE) <= 0);
  }

  @AssertTrue(message = "password requires username")
  boolean isPasswordPairedWithUsername() {
    return password == null || username != null;
  }

  /** Never prints the configured secrets (records print every component by default). */
  @Override
  public String toString() {
    return "SandboxProperties[enabled="
        + enabled
        + ", downloadDuration="
        + downloadDuration
        + ", downloadsDir="
        + downloadsDir
        + ", releasesPerSearch="
        + releasesPerSearch
        + ", fileSize="
        + fileSize
        + ", mediaDuration="
        + mediaDuration
        + ", apiKey="
        + shown(apiKey)
        + ", username="
        + shown(username)
        + ", password="
        + shown(password)
        + ", jellyfinToken="
        + shown(jellyfinToken)
        + ", notificationsKept="
        + notificationsKept
        + ", simulatedProbe="
        + simulatedProbe
        + "]";
  }

  private static String shown(String secret) {
    return secret == null ? "any" : "***";
  }
}
