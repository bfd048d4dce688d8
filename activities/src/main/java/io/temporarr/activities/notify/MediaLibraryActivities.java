package io.temporarr.activities.notify;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.seerr.SeerrClient;
import io.temporarr.activities.seerr.SeerrRequest;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.LibraryActivities;
import io.temporarr.workflows.notify.LibraryRefresh;
import io.temporarr.workflows.notify.SourceUpdate;

/**
 * The media server (Jellyfin) and the request source (Seerr). Either may be absent from the
 * configuration; the matching activity is then a successful no-op, so workflows need not know what
 * is configured.
 *
 * <p>Idempotency: a targeted rescan (or full refresh) of the same folder twice is harmless; Seerr's
 * media status is set, not toggled, so a retry leaves it as the first call did. {@code
 * markAvailable} reads the request again on every attempt, so a retry sees Seerr's current state.
 *
 * <p>Failures: HTTP outcomes as mapped by {@code HttpFailures}; non-retryable {@code NotFound} when
 * the Seerr request is gone or has no media, {@code MalformedResponse} for a body without a usable
 * media id, {@code BadRequest} for a Seerr request id that is not a number.
 */
public final class MediaLibraryActivities implements LibraryActivities {

  private final JellyfinClient jellyfin;
  private final SeerrClient seerr;

  /**
   * @param jellyfin null when no media server is configured
   * @param seerr null when Seerr's API is not configured
   */
  public MediaLibraryActivities(JellyfinClient jellyfin, SeerrClient seerr) {
    this.jellyfin = jellyfin;
    this.seerr = seerr;
  }

  @Override
  public void refreshLibrary(LibraryRefresh refresh) {
    if (jellyfin == null) {
      return;
    }
    jellyfin.refresh(refresh == null ? null : refresh.path());
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
