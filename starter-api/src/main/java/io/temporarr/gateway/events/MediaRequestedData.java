package io.temporarr.gateway.events;

import java.util.List;

/**
 * {@code data} of {@code media.requested} ({@code docs/events/media.requested.v1.schema.json}).
 *
 * @param source lower-case name of the requesting system; with {@code sourceRequestId} it forms the
 *     workflow ID {@code media-request:<source>:<sourceRequestId>}
 * @param mediaType {@code movie} or {@code tv}
 * @param seasons TV only; empty lets the workflow decide
 * @param requestedBy user name (no e-mail address: it becomes a search attribute)
 */
public record MediaRequestedData(
    String source,
    String sourceRequestId,
    String mediaType,
    String title,
    Integer year,
    Integer tmdbId,
    String imdbId,
    Integer tvdbId,
    List<Integer> seasons,
    String requestedBy) {

  public MediaRequestedData {
    seasons = seasons == null ? List.of() : List.copyOf(seasons);
  }
}
