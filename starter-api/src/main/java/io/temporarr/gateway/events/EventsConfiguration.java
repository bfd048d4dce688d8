package io.temporarr.gateway.events;

import io.temporarr.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts of {@code POST /webhooks/events} that need settings or start-up work. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {
  /** Replays of this many distinct recent deliveries are recognised (a few MB at most). */
  static final int RECENT_DELIVERIES = 10_000;

  @Bean
  WebhookVerifier webhookVerifier(GatewayProperties properties) {
    return new WebhookVerifier(properties.events().secrets(), Clock.systemUTC());
  }

  @Bean
  RecentDeliveries recentDeliveries() {
    // Twice the tolerance: a timestamp may be up to the tolerance ahead or behind this clock.
    return new RecentDeliveries(
        RECENT_DELIVERIES, WebhookVerifier.TOLERANCE.multipliedBy(2), Clock.systemUTC());
  }

  @Bean
  EventSchemas eventSchemas() {
    return new EventSchemas();
  }
}
