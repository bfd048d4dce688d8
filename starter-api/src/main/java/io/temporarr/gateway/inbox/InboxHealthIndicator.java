package io.temporarr.gateway.inbox;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code inbox}: DOWN when the file no longer takes writes (then nothing can be
 * acknowledged while Temporal is away), {@link #BACKLOGGED} when the oldest waiting delivery is
 * older than {@code backlog-age} (Temporal has been away for long, or entries keep failing), UP
 * otherwise. Details: depth, oldest age, dead letters.
 *
 * <p>BACKLOGGED is deliberately not OUT_OF_SERVICE: that would answer 503 and take the gateway out
 * of a load balancer, so webhooks would be refused exactly when the inbox keeps them safe.
 */
public final class InboxHealthIndicator implements HealthIndicator {

  /** Worse than UP, better than OUT_OF_SERVICE; answers HTTP 200 (see application.yml). */
  public static final Status BACKLOGGED =
      new Status("BACKLOGGED", "the oldest delivery has waited longer than backlog-age");

  private final InboxStore store;
  private final Duration backlogAge;
  private final Clock clock;

  public InboxHealthIndicator(InboxStore store, Duration backlogAge, Clock clock) {
    this.store = store;
    this.backlogAge = backlogAge;
    this.clock = clock;
  }

  @Override
  public Health health() {
    try {
      store.probeWrite();
      long depth = store.depth();
      Duration oldestAge = InboxMetrics.oldestAge(store, clock);
      Health.Builder health =
          oldestAge.compareTo(backlogAge) > 0 ? Health.status(BACKLOGGED) : Health.up();
      return health
          .withDetail("depth", depth)
          .withDetail("oldestAgeSeconds", oldestAge.toSeconds())
          .withDetail("backlogAgeSeconds", backlogAge.toSeconds())
          .withDetail("dead", store.deadCount())
          .build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("error", "the inbox file cannot be written: " + e.getMessage())
          .build();
    }
  }
}
