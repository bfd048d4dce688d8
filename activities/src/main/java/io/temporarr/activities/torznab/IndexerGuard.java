package io.temporarr.activities.torznab;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.workflows.common.ErrorTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a failing or rate-limiting indexer out of searches without failing them: one Resilience4j
 * circuit breaker per indexer (named after it) and the back-off a {@code 429}/{@code Retry-After}
 * asked for. One instance lives as long as the worker and is shared by every search; thread-safe.
 *
 * <p>What the breaker counts: every failure of a search call except {@code RateLimited} (handled by
 * the back-off, not a sign of a broken indexer) and {@code BadRequest} (a query the indexer cannot
 * run says nothing about its health). Unauthorized and Forbidden do count: a wrong API key fails
 * every search, so asking again is pointless until the breaker lets one trial call through.
 */
public final class IndexerGuard {
  /** How long an indexer rests after a 429 (or Torznab error 500/501) without Retry-After. */
  public static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofMinutes(1);

  private final CircuitBreakerRegistry breakers;
  private final Clock clock;
  private final Duration rateLimitBackoff;
  private final Duration openWait;
  private final Map<String, Instant> backoffUntil = new ConcurrentHashMap<>();

  /**
   * @param breaker thresholds, window and waits of every indexer's breaker; which failures count is
   *     fixed here (see the class comment) and replaces the config's own exception rules
   * @param clock the breakers' and back-offs' clock
   * @param rateLimitBackoff rest after a 429 that gives no Retry-After
   */
  public IndexerGuard(CircuitBreakerConfig breaker, Clock clock, Duration rateLimitBackoff) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.from(breaker)
            .ignoreException(IndexerGuard::ignored)
            .recordException(failure -> true)
            .clock(clock)
            .build();
    this.breakers = CircuitBreakerRegistry.of(config);
    this.clock = clock;
    this.rateLimitBackoff = rateLimitBackoff;
    this.openWait = Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
  }

  /** {@link #defaultBreaker()}, the system clock and {@link #DEFAULT_RATE_LIMIT_BACKOFF}. */
  public static IndexerGuard defaults() {
    return new IndexerGuard(defaultBreaker(), Clock.systemUTC(), DEFAULT_RATE_LIMIT_BACKOFF);
  }

  /**
   * Opens when at least half of the last 10 calls (5 at least) failed and stays open 5 minutes,
   * then lets 1 trial call through: an indexer that is down is asked once per 5 minutes instead of
   * on every search, and a single bad answer never opens it.
   */
  public static CircuitBreakerConfig defaultBreaker() {
    return CircuitBreakerConfig.custom()
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofMinutes(5))
        .permittedNumberOfCallsInHalfOpenState(1)
        .build();
  }

  /** The breakers, e.g. to publish their state as metrics. */
  public CircuitBreakerRegistry registry() {
    return breakers;
  }

  /** The indexer's breaker, created on first use. */
  public CircuitBreaker breaker(String indexer) {
    return breakers.circuitBreaker(indexer);
  }

  /**
   * Asks whether the indexer may be searched now. Null means yes, and a breaker permission is then
   * held until {@link #succeeded} or {@link #failed} is called.
   */
  Skip admit(String indexer) {
    Instant now = clock.instant();
    Instant until = backoffUntil.get(indexer);
    if (until != null && now.isBefore(until)) {
      Duration left = Duration.between(now, until);
      return new Skip(
          RejectionReasons.INDEXER_RATE_LIMITED,
          ApplicationFailure.newBuilder()
              .setMessage(
                  "indexer " + indexer + " is rate-limited for another " + left.toSeconds() + "s")
              .setType(ErrorTypes.RATE_LIMITED)
              .setNextRetryDelay(left)
              .build());
    }
    if (!breaker(indexer).tryAcquirePermission()) {
      return new Skip(
          RejectionReasons.INDEXER_CIRCUIT_OPEN,
          ApplicationFailure.newBuilder()
              .setMessage("indexer " + indexer + " is skipped: its circuit breaker is open")
              .setType(ErrorTypes.SERVER_ERROR)
              .setNextRetryDelay(openWait)
              .build());
    }
    return null;
  }

  void succeeded(String indexer, long nanos) {
    breaker(indexer).onSuccess(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records the failure with the breaker and starts a back-off when the indexer rate-limited. */
  void failed(String indexer, long nanos, Throwable failure) {
    breaker(indexer).onError(nanos, TimeUnit.NANOSECONDS, failure);
    if (failure instanceof ApplicationFailure a && ErrorTypes.RATE_LIMITED.equals(a.getType())) {
      Duration wait = a.getNextRetryDelay() == null ? rateLimitBackoff : a.getNextRetryDelay();
      backoffUntil.put(indexer, clock.instant().plus(wait));
    }
  }

  private static boolean ignored(Throwable failure) {
    return failure instanceof ApplicationFailure a
        && (ErrorTypes.RATE_LIMITED.equals(a.getType())
            || ErrorTypes.BAD_REQUEST.equals(a.getType()));
  }

  /**
   * Why an indexer was not asked.
   *
   * @param reason a {@link RejectionReasons} indexer code
   * @param failure what the search throws when no indexer answered at all
   */
  record Skip(String reason, ApplicationFailure failure) {}
}
