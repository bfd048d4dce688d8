package io.temporarr.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Resilience4j rate limiter per client address, for traffic not authenticated yet (signed
 * deliveries before their signature is checked): a flood from one address uses up that address's
 * budget only, never a genuine sender's. The most recently seen {@link #MAX_ADDRESSES} addresses
 * are remembered; an address forgotten gets a fresh budget, which a flood from that many addresses
 * could also have had.
 */
final class AddressRateLimits implements MeterBinder {
  static final int MAX_ADDRESSES = 10_000;

  /** The {@code name} tag of its metric, and the {@code source} of its 429 answers. */
  static final String NAME = "events-unverified";

  private final RateLimiterConfig config;
  private final AtomicLong refused = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();

  private final Map<String, RateLimiter> limiters =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  AddressRateLimits(int limitForPeriod, Duration refreshPeriod) {
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod(limitForPeriod)
            .limitRefreshPeriod(refreshPeriod)
            .timeoutDuration(Duration.ZERO)
            .build();
  }

  /**
   * Takes one permit of the address's budget.
   *
   * @return empty when the request may proceed, otherwise how long until the budget refills
   */
  Optional<Duration> acquire(String address) {
    RateLimiter limiter;
    lock.lock();
    try {
      limiter = limiters.computeIfAbsent(address, key -> RateLimiter.of(NAME, config));
    } finally {
      lock.unlock();
    }
    if (limiter.acquirePermission()) {
      return Optional.empty();
    }
    refused.incrementAndGet();
    long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
    return Optional.of(Duration.ofNanos(Math.max(nanos, 0)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("temporarr.gateway.rate.limited", refused, AtomicLong::get)
        .description("Requests refused with 429 because the source's budget was used up")
        .tag("name", NAME)
        .register(registry);
  }
}
