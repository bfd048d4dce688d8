package io.temporarr.workflows.search;

import io.temporarr.workflows.common.MediaType;
import java.util.List;

/**
 * What to search for.
 *
 * @param season the season for TV searches, null for movies
 * @param blocklist keys ({@link Release#blocklistKey()}) the search must drop
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
    List<String> blocklist) {

  public SearchQuery {
    blocklist = blocklist == null ? List.of() : List.copyOf(blocklist);
  }
}
