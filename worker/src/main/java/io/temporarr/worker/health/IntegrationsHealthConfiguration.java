package io.temporarr.worker.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temporarr.worker.integrations.IntegrationProperties;
import io.temporarr.workflows.common.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/** The {@code integrations} health component over every configured external service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationsHealthConfiguration.HealthProperties.class)
@ConditionalOnProperty(
    prefix = "temporarr.health.integrations",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class IntegrationsHealthConfiguration {

  /**
   * {@code temporarr.health.integrations.*}.
   *
   * @param enabled probe the configured services (default true)
   * @param interval time between two rounds of probes
   * @param timeout how long one probe waits for an answer
   */
  @Validated
  @ConfigurationProperties(prefix = "temporarr.health.integrations")
  public record HealthProperties(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("60s") @DurationMin(seconds = 1) Duration interval,
      @DefaultValue("3s") @DurationMin(millis = 100) Duration timeout) {}

  @Bean
  IntegrationsHealthIndicator integrationsHealthIndicator(
      IntegrationProperties integrations,
      HealthProperties properties,
      OkHttpClient temporarrHttpClient) {
    OkHttpClient probes =
        temporarrHttpClient
            .newBuilder()
            .callTimeout(properties.timeout())
            .connectTimeout(properties.timeout())
            .followRedirects(false)
            .build();
    return new IntegrationsHealthIndicator(
        endpoints(integrations), probes, properties.interval(), Clock.systemUTC());
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> integrationsHealthStarter(
      IntegrationsHealthIndicator integrationsHealthIndicator) {
    return event -> integrationsHealthIndicator.start();
  }

  @Bean
  MeterBinder integrationReachability(IntegrationsHealthIndicator integrationsHealthIndicator) {
    return registry ->
        integrationsHealthIndicator
            .endpoints()
            .forEach(
                endpoint ->
                    Gauge.builder(
                            MetricNames.INTEGRATION_REACHABLE,
                            integrationsHealthIndicator,
                            indicator -> indicator.reachable(endpoint.key()))
                        .description("1 when the configured service answered the last health probe")
                        .tag(MetricNames.TAG_INTEGRATION, endpoint.key())
                        .register(registry));
  }

  /** Every configured URL with the key it comes from. */
  static List<IntegrationEndpoint> endpoints(IntegrationProperties integrations) {
    List<IntegrationEndpoint> endpoints = new ArrayList<>();
    integrations
        .indexers()
        .forEach(
            (name, indexer) ->
                endpoints.add(
                    new IntegrationEndpoint("temporarr.indexers." + name, indexer.url())));
    integrations
        .downloadClients()
        .forEach(
            (name, client) ->
                endpoints.add(
                    new IntegrationEndpoint(
                        "temporarr.download-clients." + name, client.baseUrl())));
    integrations
        .notifiers()
        .forEach(
            (name, notifier) ->
                endpoints.add(
                    new IntegrationEndpoint("temporarr.notifiers." + name, notifier.url())));
    if (integrations.jellyfin() != null && integrations.jellyfin().url() != null) {
      endpoints.add(new IntegrationEndpoint("temporarr.jellyfin", integrations.jellyfin().url()));
    }
    if (integrations.seerr() != null && integrations.seerr().url() != null) {
      endpoints.add(new IntegrationEndpoint("temporarr.seerr", integrations.seerr().url()));
    }
    if (integrations.plex() != null && integrations.plex().url() != null) {
      endpoints.add(new IntegrationEndpoint("temporarr.plex", integrations.plex().url()));
    }
    return endpoints;
  }
}
