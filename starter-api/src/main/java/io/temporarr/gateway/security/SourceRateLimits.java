package io.temporarr.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.GatewayProblem;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Resilience4j rate limiter per caller ({@link Credential}), sized by {@code
 * temporarr.gateway.rate-limits.<source>}. Never waits: a request over budget is refused at once,
 * because a webhook sender blocked on a full gateway would only time out and retry.
 *
 * <p>Metrics (when the application has a meter registry), tagged {@code name=<source>}: {@code
 * resilience4j.ratelimiter.available.permissions} (the names resilience4j-micrometer uses, so its
 * dashboards work), {@code temporarr.gateway.rate.limited} (requests refused) and {@code
 * temporarr.gateway.rate.absorbed} (requests past the budget kept in the durable inbox instead).
 */
public final class SourceRateLimits implements MeterBinder {
  private final Map<Credential, RateLimiter> limiters = new EnumMap<>(Credential.class);
  private final Map<Credential, AtomicLong> refused = new EnumMap<>(Credential.class);
  private final Map<Credential, AtomicLong> absorbed = new EnumMap<>(Credential.class);

  /**
   * @throws IllegalArgumentException when a credential has no configured limit
   */
  SourceRateLimits(GatewayProperties.RateLimits settings) {
    for (Credential credential : Credential.values()) {
      GatewayProperties.RateLimit limit = settings.of(credential.scheme());
      RateLimiterConfig config =
          RateLimiterConfig.custom()
              .limitForPeriod(limit.limitForPeriod())
              .limitRefreshPeriod(limit.refreshPeriod())
              .timeoutDuration(Duration.ZERO)
              .build();
      limiters.put(credential, RateLimiter.of(credential.scheme(), config));
      refused.put(credential, new AtomicLong());
      absorbed.put(credential, new AtomicLong());
    }
  }

  /**
   * Takes one permit of the source's budget.
   *
   * @return empty when the request may proceed, otherwise how long until the budget refills
   */
  Optional<Duration> acquire(Credential source) {
    RateLimiter limiter = limiters.get(source);
    if (limiter.acquirePermission()) {
      return Optional.empty();
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    return Optional.of(Duration.ofNanos(Math.max(nanos, 0)));
  }

  /**
   * Charges a request whose credential could only be checked by its handler (a body signature) to
   * its source's budget, once it held.
   *
   * @throws io.temporarr.gateway.problem.GatewayProblem 429 with Retry-After past the budget
   */
  public void charge(Credential source) {
    acquire(source)
        .ifPresent(
            wait -> {
              refused(source);
              throw GatewayProblem.tooManyRequests(source.scheme(), wait);
            });
  }

  /** Counts a request past the budget that was refused (429). */
  void refused(Credential source) {
    refused.get(source).incrementAndGet();
  }

  /** Counts a request past the budget that went to the durable inbox instead of being refused. */
  void absorbed(Credential source) {
    absorbed.get(source).incrementAndGet();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    limiters.forEach(
        (credential, limiter) -> {
          Gauge.builder(
                  "resilience4j.ratelimiter.available.permissions",
                  limiter,
                  l -> l.getMetrics().getAvailablePermissions())
              .description("Requests the source may still send in the current period")
              .tag("name", credential.scheme())
              .register(registry);
          FunctionCounter.builder(
                  "temporarr.gateway.rate.limited", refused.get(credential), AtomicLong::get)
              .description("Requests refused with 429 because the source's budget was used up")
              .tag("name", credential.scheme())
              .register(registry);
          FunctionCounter.builder(
                  "temporarr.gateway.rate.absorbed", absorbed.get(credential), AtomicLong::get)
              .description(
                  "Requests past the source's budget kept in the durable inbox (senders that never"
                      + " retry)")
              .tag("name", credential.scheme())
              .register(registry);
        });
  }
}
