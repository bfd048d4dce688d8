package io.temporarr.activities.seerr;

import io.temporarr.workflows.common.MediaType;
import java.util.Collection;
import java.util.List;

/**
 * The parts of a Seerr request ({@code GET /api/v1/request/{id}}) needed to mark its media.
 *
 * @param mediaId {@code media.id}, the key of {@code POST /api/v1/media/{mediaId}/…}
 * @param is4k whether the request asked for the 4K copy (Seerr tracks 4K status separately)
 * @param mediaType {@code type}: movie or tv; null when Seerr did not say
 * @param seasons the requested season numbers ({@code seasons[].seasonNumber}), empty for movies
 */
public record SeerrRequest(
    long requestId, long mediaId, boolean is4k, MediaType mediaType, List<Integer> seasons) {

  public SeerrRequest {
    seasons = seasons == null ? List.of() : List.copyOf(seasons);
  }

  /**
   * Available for a movie, and for TV once every requested season is complete; partial otherwise.
   * Seerr's "available" marks every season of the series available, so it is kept for the moment
   * the request is fully served.
   */
  public SeerrMediaStatus statusAfter(MediaType requested, Collection<Integer> completedSeasons) {
    MediaType type = requested != null ? requested : mediaType;
    if (type != MediaType.TV) {
      return SeerrMediaStatus.AVAILABLE;
    }
    if (completedSeasons.containsAll(seasons) && !completedSeasons.isEmpty()) {
      return SeerrMediaStatus.AVAILABLE;
    }
    return SeerrMediaStatus.PARTIAL;
  }
}
