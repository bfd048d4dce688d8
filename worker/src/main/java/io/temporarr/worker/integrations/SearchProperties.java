package io.temporarr.worker.integrations;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.temporarr.activities.torznab.FeedLimits;
import io.temporarr.activities.torznab.IndexerGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How one search treats its indexers ({@code temporarr.search.*}).
 *
 * @param timeout how long a search waits for the indexers; one that has not answered by then is
 *     left out of this search
 * @param rateLimitBackoff how long an indexer rests after a 429 without {@code Retry-After}
 * @param circuitBreaker when a failing indexer is skipped (one breaker per indexer)
 * @param maxAnswerSize longest caps or search answer read from an indexer; a longer one fails that
 *     indexer's search (non-retryable {@code MalformedResponse})
 * @param maxItemsPerAnswer items kept of one indexer answer (the rest are skipped while parsing);
 *     also the page size asked for when below 100
 * @param maxTitleLength release titles are cut to this many characters
 * @param allowedLinkHosts host names, addresses and CIDR ranges release links (and their redirects)
 *     may point to although they are private, loopback, link-local or reserved; the configured
 *     indexers' hosts are always allowed
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.search")
public record SearchProperties(
    @NotNull @DurationMin(millis = 100) @DefaultValue("45s") Duration timeout,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration rateLimitBackoff,
    @Valid @DefaultValue CircuitBreaker circuitBreaker,
    @NotNull @DefaultValue("8MB") DataSize maxAnswerSize,
    @Min(1) @Max(10_000) @DefaultValue("100") int maxItemsPerAnswer,
    @Min(16) @Max(4096) @DefaultValue("300") int maxTitleLength,
    List<String> allowedLinkHosts) {

  public SearchProperties {
    allowedLinkHosts = allowedLinkHosts == null ? List.of() : List.copyOf(allowedLinkHosts);
  }

  /**
   * A Resilience4j count-based circuit breaker per indexer.
   *
   * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
   * @param slidingWindowSize how many recent calls the failure rate is computed over
   * @param minimumNumberOfCalls calls needed before the failure rate counts at all
   * @param waitDurationInOpenState how long an open breaker skips the indexer before a trial call
   * @param permittedCallsInHalfOpenState trial calls that decide between closed and open again
   */
  public record CircuitBreaker(
      @Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
      @Min(1) @DefaultValue("10") int slidingWindowSize,
      @Min(1) @DefaultValue("5") int minimumNumberOfCalls,
      @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration waitDurationInOpenState,
      @Min(1) @DefaultValue("1") int permittedCallsInHalfOpenState) {

    CircuitBreakerConfig toConfig() {
      return CircuitBreakerConfig.custom()
          .failureRateThreshold(failureRateThreshold)
          .slidingWindowSize(slidingWindowSize)
          .minimumNumberOfCalls(minimumNumberOfCalls)
          .waitDurationInOpenState(waitDurationInOpenState)
          .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
          .build();
    }
  }

  /** The bounds of one indexer answer. */
  FeedLimits toFeedLimits() {
    return new FeedLimits(maxAnswerSize.toBytes(), maxItemsPerAnswer, maxTitleLength);
  }

  IndexerGuard toGuard(Clock clock) {
    return new IndexerGuard(circuitBreaker.toConfig(), clock, rateLimitBackoff);
  }
}
