package io.temporarr.workflows.search;

import io.temporarr.workflows.common.MediaType;
import java.util.List;

/**
 * What to search for.
 *
 * @param season the season for TV searches, null for movies
 * @param blocklist keys ({@link Release#blocklistKey()}) the search must drop
 * @param runtimeMinutes the title's runtime when known, else null: size limits per minute of
 *     runtime apply only when it is known (added later; histories without it read it as null)
 */
public record SearchQuery(
    String workflowId,
    MediaType mediaType,
    String title,
    Integer year,
    Integer tmdbId,
    String imdbId,
    Integer tvdbId,
    Integer season,
    List<String> blocklist,
    Integer runtimeMinutes) {

  public SearchQuery {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
  }

  /** A query without a known runtime (the shape before {@code runtimeMinutes} existed). */
  public SearchQuery(
      String workflowId,
      MediaType mediaType,
      String title,
      Integer year,
      Integer tmdbId,
      String imdbId,
      Integer tvdbId,
      Integer season,
      List<String> blocklist) {
    this(workflowId, mediaType, title, year, tmdbId, imdbId, tvdbId, season, blocklist, null);
  }
}
