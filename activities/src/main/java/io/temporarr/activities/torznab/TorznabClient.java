package io.temporarr.activities.torznab;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.BodyLimit;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Talks to one Torznab/Newznab indexer (Prowlarr, Jackett or a native Newznab API). Torznab and
 * Newznab share the API: the same caps, search functions, parameters and RSS answer, so one client
 * serves both; the indexer's {@link TorznabIndexer#protocol() protocol} only names the failures and
 * the releases.
 *
 * <p>Categories: the indexer's configured ones that its caps list (or whose parent they list).
 *
 * <p>Searches by id when the indexer's caps allow it ({@code t=movie&imdbid=…&tmdbid=…}, {@code
 * t=tvsearch&tvdbid=…&season=…}) and otherwise by title ({@code t=search&q=Title 1999} or {@code
 * q=Title S01}). Only the first page is read.
 *
 * <p>Failures are those of {@link HttpCalls} plus the indexer's {@code <error/>} answers (see
 * {@link TorznabXml#error}) and {@code MalformedResponse} for XML it cannot read or an answer above
 * {@link FeedLimits#maxAnswerBytes}.
 */
public final class TorznabClient {
  /** Page size asked for when the caps give no maximum (Radarr's and Sonarr's page size). */
  static final int DEFAULT_LIMIT = 100;

  private static final Pattern IMDB_ID = Pattern.compile("(?:tt)?(\\d{1,9})");

  private final OkHttpClient http;
  private final TorznabIndexer indexer;
  private final FeedLimits limits;
  private final String service;
  private volatile TorznabCaps caps;

  public TorznabClient(OkHttpClient http, TorznabIndexer indexer) {
    this(http, indexer, FeedLimits.DEFAULTS);
  }

  /**
   * @param limits what one answer of this indexer may hold; its size bound is added to {@code
   *     http}'s own
   */
  public TorznabClient(OkHttpClient http, TorznabIndexer indexer, FeedLimits limits) {
    this.http = http.newBuilder().addInterceptor(new BodyLimit(limits.maxAnswerBytes())).build();
    this.indexer = indexer;
    this.limits = limits;
    this.service = indexer.service();
  }

  public TorznabIndexer indexer() {
    return indexer;
  }

  /** The indexer's capabilities, asked once per client instance. */
  public TorznabCaps caps() {
    TorznabCaps known = caps;
    if (known == null) {
      // Two concurrent first searches may both ask: harmless, and cheaper than a lock.
      HttpUrl url = withApiKey(endpoint("caps")).build();
      known = get(url, response -> TorznabXml.caps(response.body().byteStream(), service, url));
      caps = known;
    }
    return known;
  }

  /**
   * Searches and returns the parsed items (with the ids and volume factors the feed gave). An
   * indexer whose caps serve none of the configured categories of the media type is not asked.
   */
  public List<TorznabItem> searchItems(SearchQuery query) {
    TorznabCaps known = caps();
    if (known.served(categories(query)).isEmpty()) {
      return List.of();
    }
    HttpUrl url = searchUrl(query, known);
    return get(
        url, response -> TorznabXml.feed(response.body().byteStream(), service, url, limits));
  }

  private List<Integer> categories(SearchQuery query) {
    return query != null && query.mediaType() == MediaType.MOVIE
        ? indexer.movieCategories()
        : indexer.tvCategories();
  }

  /** Searches and returns the items as releases of this indexer. */
  public List<Release> search(SearchQuery query) {
    return searchItems(query).stream().map(item -> item.toRelease(indexer)).toList();
  }

  /** The search request for the query given the caps; see the class comment for the choice. */
  HttpUrl searchUrl(SearchQuery query, TorznabCaps caps) {
    if (query == null || query.mediaType() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "search query without a media type", ErrorTypes.BAD_REQUEST);
    }
    boolean movie = query.mediaType() == MediaType.MOVIE;
    TorznabCaps.SearchMode mode = movie ? caps.movieSearch() : caps.tvSearch();
    HttpUrl.Builder url = endpoint(movie ? "movie" : "tvsearch");
    boolean byId = movie ? addMovieIds(url, query, mode) : addTvIds(url, query, mode);
    if (byId) {
      if (!movie && query.season() != null && mode.supports("season")) {
        url.addQueryParameter("season", query.season().toString());
      }
    } else {
      url = endpoint("search").addQueryParameter("q", titleQuery(query, movie));
    }
    List<Integer> configured = movie ? indexer.movieCategories() : indexer.tvCategories();
    List<Integer> served = caps.served(configured);
    List<Integer> categories = served.isEmpty() ? configured : served;
    url.addQueryParameter(
        "cat", categories.stream().map(String::valueOf).collect(Collectors.joining(",")));
    url.addQueryParameter("extended", "1");
    int page = Math.min(DEFAULT_LIMIT, limits.maxItemsPerAnswer());
    int limit = caps.maxLimit() == null ? page : Math.min(caps.maxLimit(), page);
    url.addQueryParameter("limit", String.valueOf(limit > 0 ? limit : page));
    return withApiKey(url).build();
  }

  private static boolean addMovieIds(
      HttpUrl.Builder url, SearchQuery query, TorznabCaps.SearchMode mode) {
    boolean any = false;
    String imdb = imdbDigits(query.imdbId());
    if (imdb != null && mode.supports("imdbid")) {
      url.addQueryParameter("imdbid", imdb);
      any = true;
    }
    if (query.tmdbId() != null && mode.supports("tmdbid")) {
      url.addQueryParameter("tmdbid", query.tmdbId().toString());
      any = true;
    }
    return any;
  }

  private static boolean addTvIds(
      HttpUrl.Builder url, SearchQuery query, TorznabCaps.SearchMode mode) {
    boolean any = false;
    if (query.tvdbId() != null && mode.supports("tvdbid")) {
      url.addQueryParameter("tvdbid", query.tvdbId().toString());
      any = true;
    }
    if (query.tmdbId() != null && mode.supports("tmdbid")) {
      url.addQueryParameter("tmdbid", query.tmdbId().toString());
      any = true;
    }
    String imdb = imdbDigits(query.imdbId());
    if (imdb != null && mode.supports("imdbid")) {
      url.addQueryParameter("imdbid", imdb);
      any = true;
    }
    return any;
  }

  private static String titleQuery(SearchQuery query, boolean movie) {
    if (query.title() == null || query.title().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the indexer can only search by title and the query has none", ErrorTypes.BAD_REQUEST);
    }
    String title = query.title().trim();
    if (movie) {
      return query.year() == null ? title : title + " " + query.year();
    }
    return query.season() == null ? title : title + String.format(" S%02d", query.season());
  }

  /** IMDb ids go to indexers as digits without {@code tt}, leading zeros kept ("0133093"). */
  static String imdbDigits(String imdbId) {
    if (imdbId == null) {
      return null;
    }
    Matcher m = IMDB_ID.matcher(imdbId.trim());
    return m.matches() ? m.group(1) : null;
  }

  /** The IMDb id as a number, for comparing with a feed's {@code imdb} attribute. */
  static Integer imdbNumber(String imdbId) {
    String digits = imdbDigits(imdbId);
    return digits == null ? null : Integer.valueOf(digits);
  }

  private HttpUrl.Builder endpoint(String function) {
    return indexer.apiUrl().newBuilder().addQueryParameter("t", function);
  }

  private HttpUrl.Builder withApiKey(HttpUrl.Builder url) {
    if (indexer.apiKey() != null && !indexer.apiKey().isBlank()) {
      url.addQueryParameter("apikey", indexer.apiKey());
    }
    return url;
  }

  private <T> T get(HttpUrl url, HttpCalls.BodyReader<T> reader) {
    Request request =
        new Request.Builder().url(url).header("Accept", "application/rss+xml, text/xml").build();
    return HttpCalls.execute(http, request, service, reader);
  }
}
