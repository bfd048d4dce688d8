package io.temporarr.gateway.inbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;

/**
 * The inbox's meters. Gauges read the database when scraped, so they are right after a restart too;
 * the counters are incremented by the {@link InboxDrainer}.
 */
public final class InboxMetrics implements MeterBinder {
  public static final String DEPTH = "temporarr.gateway.inbox.depth";
  public static final String OLDEST_AGE = "temporarr.gateway.inbox.oldest.age.seconds";
  public static final String QUEUED = "temporarr.gateway.inbox.queued";
  public static final String DELIVERED = "temporarr.gateway.inbox.delivered";
  public static final String DEAD = "temporarr.gateway.inbox.dead";

  /**
   * Corrupt inbox files moved aside at start-up ({@code temporarr_gateway_inbox_corrupt_total}; the
   * alert {@code TemporarrGatewayInboxCorrupt} fires on it).
   */
  public static final String CORRUPT = "temporarr.gateway.inbox.corrupt";

  private final InboxStore store;
  private final Clock clock;

  public InboxMetrics(InboxStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(DEPTH, this, InboxMetrics::depth)
        .description("Deliveries waiting in the gateway's durable inbox")
        .register(registry);
    Gauge.builder(OLDEST_AGE, this, InboxMetrics::oldestAgeSeconds)
        .description("Age of the oldest delivery waiting in the inbox (0 when empty)")
        .register(registry);
    FunctionCounter.builder(CORRUPT, store, InboxStore::corruptFilesMovedAside)
        .description("Corrupt inbox files moved aside (and replaced by a fresh inbox) at start-up")
        .register(registry);
  }

  double depth() {
    try {
      return store.depth();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  double oldestAgeSeconds() {
    try {
      return oldestAge(store, clock).toMillis() / 1000.0;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  static Duration oldestAge(InboxStore store, Clock clock) {
    return store
        .oldestEnqueuedAt()
        .map(oldest -> Duration.between(oldest, clock.instant()))
        .filter(age -> !age.isNegative())
        .orElse(Duration.ZERO);
  }
}
