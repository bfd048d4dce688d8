package io.temporarr.worker.temporal;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code temporal} health component: UP once the workers poll, DOWN while start-up waits. */
final class TemporalHealthIndicator extends AbstractHealthIndicator {

  private final TemporalStartup startup;
  private final String target;

  TemporalHealthIndicator(TemporalStartup startup, String target) {
    this.startup = startup;
    this.target = target;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("target", target);
    if (startup.ready().isDone()) {
      builder.up();
      return;
    }
    builder.down().withDetail("waitingFor", String.valueOf(startup.waitingFor()));
    if (startup.lastError() != null) {
      builder.withDetail("lastError", startup.lastError());
    }
  }
}
