package io.temporarr.activities.library;

import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.heartbeat.Heartbeat;
import io.temporarr.activities.heartbeat.Heartbeats;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.plex.PlexClient;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.activities.seerr.SeerrRequest;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.library.LibraryRefresh;
import io.temporarr.workflows.library.SourceUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The media servers (Jellyfin and/or Plex) and the request source (Seerr). Any may be absent from
 * the configuration; the matching activity is then a successful no-op, so workflows need not know
 * what is configured. With several media servers, each is asked to rescan even when another fails;
 * the failures are reported afterwards.
 *
 * <p>Idempotency: a targeted rescan (or full refresh) of the same folder twice is harmless; Seerr's
 * media status is set, not toggled, so a retry leaves it as the first call did. {@code
 * markAvailable} reads the request again on every attempt, so a retry sees Seerr's current state.
 *
 * <p>Heartbeats: {@code refreshLibrary} heartbeats every few seconds while any media server call
 * runs, the targeted rescan as much as the full-refresh fallback (which Jellyfin answers only when
 * the whole scan ends), so a worker killed mid-refresh is noticed after the heartbeat timeout, not
 * after the long start-to-close the full refresh needs. A later attempt simply asks again.
 *
 * <p>Failures: HTTP outcomes as mapped by {@code HttpFailures}; non-retryable {@code NotFound} when
 * the Seerr request is gone or has no media, {@code MalformedResponse} for a body without a usable
 * media id, {@code BadRequest} for a Seerr request id that is not a number. When one media server
 * fails, {@code refreshLibrary} rethrows its failure unchanged; when several fail, one failure
 * naming them all, retryable if any of them was (a retry rescans every server, which is harmless).
 */
public final class MediaLibraryActivities implements LibraryActivities {

  /** Media server name → its rescan of one folder; in configuration order. */
  private final Map<String, Consumer<String>> mediaServers = new LinkedHashMap<>();

  private final SeerrClient seerr;
  private final Supplier<Heartbeat> heartbeats;
  private final Duration heartbeatPeriod;

  /**
   * @param jellyfin null when Jellyfin is not configured
   * @param plex null when Plex is not configured
   * @param seerr null when Seerr's API is not configured
   */
  public MediaLibraryActivities(JellyfinClient jellyfin, PlexClient plex, SeerrClient seerr) {
    this(jellyfin, plex, seerr, Heartbeat::ofCurrentActivity, Heartbeats.PERIOD);
  }

  /** Tests call the activity outside Temporal, or beat faster to see several beats. */
  MediaLibraryActivities(
      JellyfinClient jellyfin,
      PlexClient plex,
      SeerrClient seerr,
      Supplier<Heartbeat> heartbeats,
      Duration heartbeatPeriod) {
    this.heartbeats = heartbeats;
    this.heartbeatPeriod = heartbeatPeriod;
    if (jellyfin != null) {
      mediaServers.put("jellyfin", jellyfin::refresh);
    }
    if (plex != null) {
      mediaServers.put("plex", plex::refresh);
    }
    this.seerr = seerr;
  }

  @Override
  public void refreshLibrary(LibraryRefresh refresh) {
    if (mediaServers.isEmpty()) {
      return;
    }
    String path = refresh == null ? null : refresh.path();
    Heartbeat heartbeat = heartbeats.get();
    List<RuntimeException> failures = new ArrayList<>();
    mediaServers.forEach(
        (name, rescan) -> {
          try {
            Heartbeats.whileRunning(
                heartbeat,
                heartbeatPeriod,
                () -> {
                  rescan.accept(path);
                  return null;
                });
          } catch (ActivityCompletionException stop) {
            throw stop; // cancelled or timed out: no other server is asked, nothing is combined
          } catch (RuntimeException failure) {
            failures.add(failure);
          }
        });
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    if (!failures.isEmpty()) {
      throw combined(failures);
    }
  }

  private static ApplicationFailure combined(List<RuntimeException> failures) {
    String message =
        failures.stream()
            .map(f -> f instanceof ApplicationFailure af ? af.getOriginalMessage() : f.toString())
            .collect(Collectors.joining("; "));
    boolean retryable =
        failures.stream()
            .anyMatch(f -> !(f instanceof ApplicationFailure af) || !af.isNonRetryable());
    // The first failure's type (Jellyfin before Plex): a stable choice, and the message names both.
    String type =
        failures.get(0) instanceof ApplicationFailure first
            ? first.getType()
            : failures.get(0).getClass().getName();
    return ApplicationFailure.newBuilder()
        .setMessage("media servers failed: " + message)
        .setType(type)
        .setNonRetryable(!retryable)
        .build();
  }

  @Override
  public void markAvailable(SourceUpdate update) {
    if (seerr == null || update == null || !SeerrClient.SOURCE.equals(update.source())) {
      return;
    }
    SeerrRequest request = seerr.request(requestId(update.sourceRequestId()));
    seerr.setMediaStatus(
        request.mediaId(),
        request.statusAfter(update.mediaType(), update.seasons()),
        request.is4k());
  }

  private static long requestId(String sourceRequestId) {
    try {
      long id = Long.parseLong(sourceRequestId);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below.
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "seerr request id must be a positive number", ErrorTypes.BAD_REQUEST);
  }
}
