package io.temporarr.worker.integrations;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.temporarr.activities.torznab.IndexerGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How one search treats its indexers ({@code temporarr.search.*}).
 *
 * @param timeout how long a search waits for the indexers; one that has not answered by then is
 *     left out of this search
 * @param rateLimitBackoff how long an indexer rests after a 429 without {@code Retry-After}
 * @param circuitBreaker when a failing indexer is skipped (one breaker per indexer)
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.search")
public record SearchProperties(
    @NotNull @DurationMin(millis = 100) @DefaultValue("45s") Duration timeout,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration rateLimitBackoff,
    @Valid @DefaultValue CircuitBreaker circuitBreaker) {

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

  IndexerGuard toGuard(Clock clock) {
    return new IndexerGuard(circuitBreaker.toConfig(), clock, rateLimitBackoff);
  }
}
