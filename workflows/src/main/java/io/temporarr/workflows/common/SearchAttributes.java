package io.temporarr.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * Custom search attributes of the contract; registered by the worker and the dev-server scripts.
 */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> MEDIA_TYPE =
      SearchAttributeKey.forKeyword("MediaType");
  public static final SearchAttributeKey<String> MEDIA_TITLE =
      SearchAttributeKey.forText("MediaTitle");
  public static final SearchAttributeKey<String> REQUEST_STATE =
      SearchAttributeKey.forKeyword("RequestState");
  public static final SearchAttributeKey<String> REQUEST_STAGE =
      SearchAttributeKey.forKeyword("RequestStage");
  public static final SearchAttributeKey<String> REQUEST_SOURCE =
      SearchAttributeKey.forKeyword("RequestSource");
  public static final SearchAttributeKey<String> REQUESTED_BY =
      SearchAttributeKey.forKeyword("RequestedBy");
  public static final SearchAttributeKey<Long> TMDB_ID = SearchAttributeKey.forLong("TmdbId");

  /** Name → Temporal indexed value type name ("Keyword", "Text", "Int"), for registration. */
  public static final Map<String, String> ALL =
      Map.of(
          "MediaType", "Keyword",
          "MediaTitle", "Text",
          "RequestState", "Keyword",
          "RequestStage", "Keyword",
          "RequestSource", "Keyword",
          "RequestedBy", "Keyword",
          "TmdbId", "Int");

  private SearchAttributes() {}
}
