package io.temporarr.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.Locale;

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

  /** Every key above, each carrying its name and indexed value type, for registration. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          MEDIA_TYPE,
          MEDIA_TITLE,
          REQUEST_STATE,
          REQUEST_STAGE,
          REQUEST_SOURCE,
          REQUESTED_BY,
          TMDB_ID);

  private static final String TYPE_PREFIX = "INDEXED_VALUE_TYPE_";

  /**
   * The type as the Temporal CLI and docker-compose spell it ({@code Keyword}, {@code Text}, {@code
   * Int}, {@code KeywordList}, {@code Datetime}), derived from the key's indexed value type.
   */
  public static String typeName(SearchAttributeKey<?> key) {
    StringBuilder name = new StringBuilder();
    for (String word : key.getValueType().name().substring(TYPE_PREFIX.length()).split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private SearchAttributes() {}
}
