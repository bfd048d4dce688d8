package io.temporarr.activities.release;

/**
 * Stable reason codes of {@link io.temporarr.workflows.search.Rejection}: shown in the request's
 * status and used as the releases-rejected metric tag, so they never change once released.
 */
public final class RejectionReasons {
  public static final String BLOCKLISTED = "blocklisted";
  public static final String MIN_SEEDERS = "min-seeders";
  public static final String TOO_SMALL = "too-small";
  public static final String TOO_LARGE = "too-large";
  public static final String FORBIDDEN_TERM = "forbidden-term";
  public static final String MISSING_REQUIRED_TERM = "missing-required-term";
  public static final String QUALITY_NOT_ALLOWED = "quality-not-allowed";
  public static final String DUPLICATE = "duplicate";

  /** The indexer tagged the release with an IMDb/TMDB/TVDB id other than the requested one. */
  public static final String WRONG_MEDIA = "wrong-media";

  /** No configured download client handles the release's protocol (torrent or usenet). */
  public static final String PROTOCOL_NOT_ALLOWED = "no-client-for-protocol";

  /**
   * Not a release: an indexer that did not take part in the search because it answered 429 or is
   * still backing off from an earlier 429. The rejection's title names the indexer.
   */
  public static final String INDEXER_RATE_LIMITED = "indexer-rate-limited";

  /** Not a release: an indexer skipped because its circuit breaker is open. */
  public static final String INDEXER_CIRCUIT_OPEN = "indexer-circuit-open";

  /** Not a release: an indexer that failed or timed out in this search while others answered. */
  public static final String INDEXER_FAILED = "indexer-failed";

  private RejectionReasons() {}
}
