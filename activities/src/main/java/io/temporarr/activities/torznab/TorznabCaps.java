package io.temporarr.activities.torznab;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an indexer answered to {@code t=caps}.
 *
 * @param search plain {@code t=search}
 * @param tvSearch {@code t=tvsearch}
 * @param movieSearch {@code t=movie}
 * @param maxLimit the largest page size the indexer accepts, null when it does not say
 * @param categories the category and subcategory ids the indexer lists; empty when it lists none
 */
public record TorznabCaps(
    SearchMode search,
    SearchMode tvSearch,
    SearchMode movieSearch,
    Integer maxLimit,
    Set<Integer> categories) {

  /** Parameters assumed when a search mode does not list {@code supportedParams} (the spec's). */
  public static final Set<String> DEFAULT_PARAMS = Set.of("q", "rid", "season", "ep");

  /**
   * One search function.
   *
   * @param supportedParams lower-case parameter names such as {@code q}, {@code imdbid}
   */
  public record SearchMode(boolean available, Set<String> supportedParams) {
    public static final SearchMode UNAVAILABLE = new SearchMode(false, Set.of());

    public SearchMode {
      supportedParams = supportedParams == null ? Set.of() : Set.copyOf(supportedParams);
    }

    /** Parses {@code supportedParams="q,imdbid"}; null or blank means {@link #DEFAULT_PARAMS}. */
    public static SearchMode of(boolean available, String supportedParams) {
      if (supportedParams == null || supportedParams.isBlank()) {
        return new SearchMode(available, DEFAULT_PARAMS);
      }
      return new SearchMode(
          available,
          Arrays.stream(supportedParams.split(","))
              .map(p -> p.trim().toLowerCase(Locale.ROOT))
              .filter(p -> !p.isEmpty())
              .collect(Collectors.toSet()));
    }

    /** True when the mode is available and accepts the parameter. */
    public boolean supports(String param) {
      return available && supportedParams.contains(param);
    }
  }

  public TorznabCaps {
    // The spec makes t=search mandatory, so an indexer that does not list it still has it.
    search = search == null ? SearchMode.of(true, "q") : search;
    tvSearch = tvSearch == null ? SearchMode.UNAVAILABLE : tvSearch;
    movieSearch = movieSearch == null ? SearchMode.UNAVAILABLE : movieSearch;
    categories = categories == null ? Set.of() : Set.copyOf(categories);
  }

  /** Caps without a category list. */
  public TorznabCaps(
      SearchMode search, SearchMode tvSearch, SearchMode movieSearch, Integer maxLimit) {
    this(search, tvSearch, movieSearch, maxLimit, null);
  }

  /**
   * The wanted categories this indexer serves, in the given order. A category counts as served when
   * the caps list it or its parent (2040 under 2000): some indexers list only parents. Caps without
   * a category list serve every wanted category.
   */
  public List<Integer> served(List<Integer> wanted) {
    if (categories.isEmpty()) {
      return wanted;
    }
    return wanted.stream()
        .filter(c -> categories.contains(c) || categories.contains(c / 1000 * 1000))
        .toList();
  }
}
