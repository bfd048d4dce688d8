package io.temporarr.workflows.library;

import io.temporarr.workflows.common.MediaType;
import java.util.List;

/**
 * Tell the request source (Seerr) that media became available.
 *
 * @param seasons the completed seasons for TV (partial availability), empty for movies
 */
public record SourceUpdate(
    String source, String sourceRequestId, MediaType mediaType, List<Integer> seasons) {
  public SourceUpdate {
    seasons = seasons == null ? List.of() : List.copyOf(seasons);
  }
}
