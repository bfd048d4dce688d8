package io.temporarr.workflows.search;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Port: release search across the configured Torznab/Newznab indexers. */
@ActivityInterface
public interface SearchActivities {

  /**
   * Searches every configured indexer, filters by the configured release criteria and the query's
   * blocklist, and ranks what is left.
   *
   * <p>Idempotent: read-only against the indexers.
   *
   * <p>Failures: {@code Unauthorized}/{@code Forbidden}/{@code IndexerError} (non-retryable) when
   * every indexer failed that way; {@code RateLimited}/{@code ServerError}/{@code NetworkError}
   * (retryable, Retry-After honoured). An empty result is not a failure. An indexer left out while
   * others answered (failed, timed out, rate-limited, circuit open) is reported among the
   * rejections, titled {@code indexer <name>: <failure type>}.
   */
  @ActivityMethod
  SearchResult search(SearchQuery query);
}
