package io.temporarr.gateway.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable inbox: its file (opened at start-up — the gateway does not start without it), the
 * drainer thread, meters and the {@code inbox} health contributor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
class InboxConfiguration {

  @Bean(destroyMethod = "close")
  InboxStore inboxStore(InboxProperties properties) {
    return InboxStore.open(properties.path(), Clock.systemUTC());
  }

  @Bean
  InboxDrainer inboxDrainer(
      InboxStore store,
      InboxDelivery delivery,
      InboxProperties properties,
      MeterRegistry registry) {
    return new InboxDrainer(store, delivery, properties, registry);
  }

  @Bean
  InboxMetrics inboxMetrics(InboxStore store) {
    return new InboxMetrics(store, Clock.systemUTC());
  }

  /** The bean name makes the health contributor's name {@code inbox}. */
  @Bean
  InboxHealthIndicator inboxHealthIndicator(InboxStore store, InboxProperties properties) {
    return new InboxHealthIndicator(store, properties.backlogAge(), Clock.systemUTC());
  }
}
