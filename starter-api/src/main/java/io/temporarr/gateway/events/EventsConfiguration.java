package io.temporarr.gateway.events;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.security.SignatureHeaderCheck;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts of {@code POST /webhooks/events} that need settings or start-up work. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);

  /** Replays of this many distinct recent deliveries are recognised (a few MB at most). */
  static final int RECENT_DELIVERIES = 10_000;

  @Bean
  WebhookVerifier webhookVerifier(GatewayProperties properties) {
    return new WebhookVerifier(properties.events().secrets(), Clock.systemUTC());
  }

  /**
   * The signature headers' format and timestamp window, checked by the credential check before the
   * body is read: a delivery that cannot be authentic is answered 401 without reading its body.
   */
  @Bean
  SignatureHeaderCheck signatureHeaderCheck(WebhookVerifier verifier) {
    return request -> {
      try {
        verifier.checkHeaders(
            request.getHeader(EventsWebhookController.WEBHOOK_ID),
            request.getHeader(EventsWebhookController.WEBHOOK_TIMESTAMP),
            request.getHeader(EventsWebhookController.WEBHOOK_SIGNATURE));
      } catch (SignatureRejected rejected) {
        log.warn("Rejected signed event before its body: {}", rejected.reason());
        throw GatewayProblem.signatureRejected(rejected.getMessage());
      }
    };
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
