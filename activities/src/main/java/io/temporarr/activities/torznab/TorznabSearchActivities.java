package io.temporarr.activities.torznab;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.release.RejectionListener;
import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.activities.release.ReleaseCriteria;
import io.temporarr.activities.release.ReleaseSelector;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link SearchActivities} over Torznab (torrent) and Newznab (usenet) indexers: every indexer is
 * asked in parallel, the answers are merged and passed through the {@link ReleaseSelector}.
 *
 * <p>Idempotent: it only reads from the indexers, so a retried attempt repeats the same searches
 * with no side effect (the caps are cached per client; the {@link IndexerGuard} remembers only
 * indexer health, never results).
 *
 * <p>An indexer is left out of a search, without failing it, when it is still backing off from a
 * 429, when its circuit breaker is open, or when it fails or does not answer within the search
 * timeout; each one left out is reported as a {@link Rejection} whose title names the indexer and
 * whose reason is an {@code indexer-…} code of {@link RejectionReasons}. When no indexer answered,
 * the most useful failure is thrown: a retryable one if any was retryable (the longest Retry-After
 * first), else the first of Unauthorized, Forbidden, IndexerError, anything else; its message lists
 * every indexer's failure type.
 */
public final class TorznabSearchActivities implements SearchActivities {
  /**
   * Whole-search bound: below a typical one-minute start-to-close, above the shared client's 30 s
   * call timeout so a slow but answering indexer is not cut off.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(45);

  /**
   * Largest search result handed to Temporal, estimated as UTF-8: far below its payload limits (a
   * warning from 512 KB, a failure at 2 MB). Accepted releases beyond it (the worst, they come best
   * first) and rejected ones are left out; indexer failures are always reported.
   */
  public static final int MAX_RESULT_BYTES = 256 * 1024;

  /** What one release or rejection costs in the result besides its strings (names, numbers). */
  private static final int ENTRY_OVERHEAD_BYTES = 256;

  private static final Logger log = LoggerFactory.getLogger(TorznabSearchActivities.class);

  private final List<TorznabClient> clients;
  private final ReleaseSelector selector;
  private final Executor executor;
  private final Duration timeout;
  private final RejectionListener listener;
  private final IndexerGuard guard;

  /**
   * @param guard circuit breakers and rate-limit back-offs; one per worker, shared by every search
   */
  public TorznabSearchActivities(
      List<TorznabClient> clients,
      ReleaseCriteria criteria,
      Executor executor,
      Duration timeout,
      RejectionListener listener,
      IndexerGuard guard) {
    this.clients = List.copyOf(clients);
    this.selector = new ReleaseSelector(criteria);
    this.executor = executor;
    this.timeout = timeout;
    this.listener = listener;
    this.guard = guard;
    // Created now, so every indexer's breaker state is visible before its first search.
    this.clients.forEach(client -> guard.breaker(client.indexer().name()));
  }

  public TorznabSearchActivities(
      List<TorznabClient> clients,
      ReleaseCriteria criteria,
      Executor executor,
      Duration timeout,
      RejectionListener listener) {
    this(clients, criteria, executor, timeout, listener, IndexerGuard.defaults());
  }

  public TorznabSearchActivities(
      List<TorznabClient> clients, ReleaseCriteria criteria, Executor executor, Duration timeout) {
    this(clients, criteria, executor, timeout, RejectionListener.NONE);
  }

  public TorznabSearchActivities(
      List<TorznabClient> clients, ReleaseCriteria criteria, Executor executor) {
    this(clients, criteria, executor, DEFAULT_TIMEOUT);
  }

  /** One {@link TorznabClient} per indexer, all sharing the given HTTP client. */
  public static TorznabSearchActivities forIndexers(
      OkHttpClient http,
      List<TorznabIndexer> indexers,
      ReleaseCriteria criteria,
      Executor executor) {
    return forIndexers(http, indexers, criteria, executor, RejectionListener.NONE);
  }

  /** As above, telling {@code listener} about every search's rejected releases. */
  public static TorznabSearchActivities forIndexers(
      OkHttpClient http,
      List<TorznabIndexer> indexers,
      ReleaseCriteria criteria,
      Executor executor,
      RejectionListener listener) {
    return new TorznabSearchActivities(
        clients(http, indexers), criteria, executor, DEFAULT_TIMEOUT, listener);
  }

  /** One {@link TorznabClient} per indexer, all sharing the given HTTP client. */
  public static List<TorznabClient> clients(OkHttpClient http, List<TorznabIndexer> indexers) {
    return clients(http, indexers, FeedLimits.DEFAULTS);
  }

  /** As above, each answer bounded by {@code limits}. */
  public static List<TorznabClient> clients(
      OkHttpClient http, List<TorznabIndexer> indexers, FeedLimits limits) {
    return indexers.stream().map(indexer -> new TorznabClient(http, indexer, limits)).toList();
  }

  @Override
  public SearchResult search(SearchQuery query) {
    if (clients.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no Torznab or Newznab indexer is configured", ErrorTypes.CONFIGURATION);
    }
    if (query == null || query.mediaType() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "search query without a media type", ErrorTypes.BAD_REQUEST);
    }
    // The indexer threads log and call out for this activity: same correlation ID as the caller.
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    List<Failed> failures = new ArrayList<>();
    List<CompletableFuture<List<TorznabItem>>> answers = new ArrayList<>();
    for (TorznabClient client : clients) {
      String name = client.indexer().name();
      IndexerGuard.Skip skip = guard.admit(name);
      if (skip != null) {
        failures.add(new Failed(name, skip.reason(), skip.failure()));
        answers.add(null);
      } else {
        answers.add(
            CompletableFuture.supplyAsync(withMdc(mdc, () -> guarded(client, query)), executor)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
      }
    }

    List<Release> releases = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      TorznabIndexer indexer = clients.get(i).indexer();
      if (answers.get(i) == null) {
        continue;
      }
      try {
        for (TorznabItem item : answers.get(i).join()) {
          if (item.contradicts(query)) {
            rejected.add(new Rejection(item.title(), RejectionReasons.WRONG_MEDIA));
          } else {
            releases.add(item.toRelease(indexer));
          }
        }
      } catch (CompletionException e) {
        RuntimeException failure = failureOf(indexer, e.getCause());
        failures.add(new Failed(indexer.name(), reasonOf(failure), failure));
      }
    }
    if (failures.size() == clients.size()) {
      throw mostUseful(failures);
    }
    failures.forEach(
        f ->
            log.warn(
                "indexer {} left out of this search: {}", f.indexer(), f.failure().getMessage()));

    // Per-minute size limits: a movie's runtime is the release's; a season pack holds an unknown
    // number of episodes, so TV searches keep the absolute limits.
    Integer runtime = query.mediaType() == MediaType.MOVIE ? query.runtimeMinutes() : null;
    SearchResult selected = selector.select(releases, query.blocklist(), runtime);
    rejected.addAll(selected.rejected());
    tell(rejected);
    return bounded(
        selected.accepted(),
        rejected,
        failures.stream().map(f -> new Rejection(describe(f), f.reason())).toList());
  }

  /** The result within {@link #MAX_RESULT_BYTES}; see there. */
  static SearchResult bounded(
      List<Release> accepted, List<Rejection> rejected, List<Rejection> indexerFailures) {
    long budget = MAX_RESULT_BYTES;
    for (Rejection failure : indexerFailures) {
      budget -= size(failure.title(), failure.reason());
    }
    List<Release> keptReleases = new ArrayList<>();
    for (Release release : accepted) {
      long size =
          size(release.guid(), release.title(), release.indexer(), release.downloadUrl())
              + size(release.infoHash(), release.publishedAt(), release.quality())
              + 8L * release.categories().size();
      if (size > budget) {
        break;
      }
      budget -= size;
      keptReleases.add(release);
    }
    List<Rejection> keptRejections = new ArrayList<>();
    for (Rejection rejection : rejected) {
      long size = size(rejection.title(), rejection.reason());
      if (size > budget) {
        break;
      }
      budget -= size;
      keptRejections.add(rejection);
    }
    if (keptReleases.size() < accepted.size() || keptRejections.size() < rejected.size()) {
      log.warn(
          "search result cut to {} KiB: {} of {} accepted and {} of {} rejected releases kept",
          MAX_RESULT_BYTES / 1024,
          keptReleases.size(),
          accepted.size(),
          keptRejections.size(),
          rejected.size());
    }
    keptRejections.addAll(indexerFailures);
    return new SearchResult(keptReleases, keptRejections);
  }

  private static long size(String... values) {
    long size = ENTRY_OVERHEAD_BYTES;
    for (String value : values) {
      size += value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  /** One indexer's search, with its outcome told to the guard on the indexer's thread. */
  private List<TorznabItem> guarded(TorznabClient client, SearchQuery query) {
    String name = client.indexer().name();
    long start = System.nanoTime();
    try {
      List<TorznabItem> items = client.searchItems(query);
      guard.succeeded(name, System.nanoTime() - start);
      return items;
    } catch (RuntimeException e) {
      guard.failed(name, System.nanoTime() - start, e);
      throw e;
    }
  }

  /** "indexer jackett: RateLimited (retry in 120s)": names the indexer, never a URL or key. */
  private static String describe(Failed failed) {
    Duration delay =
        failed.failure() instanceof ApplicationFailure a ? a.getNextRetryDelay() : null;
    return "indexer "
        + failed.indexer()
        + ": "
        + typeOf(failed.failure())
        + (delay == null ? "" : " (retry in " + delay.toSeconds() + "s)");
  }

  private static String reasonOf(RuntimeException failure) {
    return failure instanceof ApplicationFailure a && ErrorTypes.RATE_LIMITED.equals(a.getType())
        ? RejectionReasons.INDEXER_RATE_LIMITED
        : RejectionReasons.INDEXER_FAILED;
  }

  private static <T> Supplier<T> withMdc(Map<String, String> mdc, Supplier<T> task) {
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      MDC.setContextMap(mdc == null ? Map.of() : mdc);
      try {
        return task.get();
      } finally {
        MDC.setContextMap(before == null ? Map.of() : before);
      }
    };
  }

  private void tell(List<Rejection> rejected) {
    try {
      listener.rejected(List.copyOf(rejected));
    } catch (RuntimeException e) {
      // Metrics are not worth a failed search.
      log.warn("rejection listener failed: {}", e.toString());
    }
  }

  private RuntimeException failureOf(TorznabIndexer indexer, Throwable cause) {
    if (cause instanceof TimeoutException) {
      return ApplicationFailure.newFailure(
          indexer.service() + " did not answer within " + timeout.toMillis() + " ms",
          ErrorTypes.NETWORK_ERROR);
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }

  private static RuntimeException mostUseful(List<Failed> failures) {
    Failed chosen =
        failures.stream().min(Comparator.comparing(TorznabSearchActivities::rank)).get();
    if (!(chosen.failure() instanceof ApplicationFailure failure)) {
      return chosen.failure();
    }
    String summary =
        failures.stream()
            .map(f -> f.indexer() + ": " + typeOf(f.failure()))
            .collect(Collectors.joining(", "));
    return ApplicationFailure.newBuilder()
        .setMessage("every indexer failed (" + summary + "); " + failure.getOriginalMessage())
        .setType(failure.getType())
        .setNonRetryable(failure.isNonRetryable())
        .setNextRetryDelay(failure.getNextRetryDelay())
        .setCause(failure)
        .build();
  }

  /** Lower is more useful; see the class comment. */
  private static Rank rank(Failed failed) {
    if (!(failed.failure() instanceof ApplicationFailure failure)) {
      // An unexpected exception: Temporal retries it, but it says least about the indexers.
      return new Rank(2, 0);
    }
    if (!failure.isNonRetryable()) {
      Duration delay = failure.getNextRetryDelay();
      return delay == null ? new Rank(1, 0) : new Rank(0, -delay.toMillis());
    }
    return switch (failure.getType() == null ? "" : failure.getType()) {
      case ErrorTypes.UNAUTHORIZED -> new Rank(3, 0);
      case ErrorTypes.FORBIDDEN -> new Rank(4, 0);
      case ErrorTypes.INDEXER_ERROR -> new Rank(5, 0);
      default -> new Rank(6, 0);
    };
  }

  private static String typeOf(RuntimeException failure) {
    return failure instanceof ApplicationFailure a
        ? a.getType()
        : failure.getClass().getSimpleName();
  }

  private record Failed(String indexer, String reason, RuntimeException failure) {}

  private record Rank(int group, long tieBreak) implements Comparable<Rank> {
    @Override
    public int compareTo(Rank other) {
      return group != other.group
          ? Integer.compare(group, other.group)
          : Long.compare(tieBreak, other.tieBreak);
    }
  }
}
