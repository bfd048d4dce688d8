package io.temporarr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporarr.gateway.GatewayProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceRateLimitsTest {

  @Test
  void everyCallerHasADefaultBudget() {
    GatewayProperties.RateLimits defaults =
        new GatewayProperties.RateLimits(null, null, null, null);

    for (Credential credential : Credential.values()) {
      assertThat(defaults.of(credential.scheme()).limitForPeriod()).isPositive();
      assertThat(defaults.of(credential.scheme()).refreshPeriod()).isEqualTo(Duration.ofSeconds(1));
    }
    assertThat(defaults.of("events").limitForPeriod()).isEqualTo(50);
    assertThatThrownBy(() -> defaults.of("sonarr")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSourceOverItsBudgetIsToldWhenItRefillsAndOthersAreUnaffected() {
    SourceRateLimits limits =
        new SourceRateLimits(
            new GatewayProperties.RateLimits(
                new GatewayProperties.RateLimit(2, Duration.ofHours(1)), null, null, null));

    assertThat(limits.acquire(Credential.SEERR)).isEmpty();
    assertThat(limits.acquire(Credential.SEERR)).isEmpty();
    assertThat(limits.acquire(Credential.SEERR))
        .hasValueSatisfying(
            wait ->
                assertThat(wait)
                    .isGreaterThan(Duration.ofMinutes(59))
                    .isLessThanOrEqualTo(Duration.ofHours(1)));
    assertThat(limits.acquire(Credential.OPERATOR)).isEmpty();
  }

  @Test
  void budgetsAndRefusalsArePublishedAsMetrics() {
    SourceRateLimits limits =
        new SourceRateLimits(
            new GatewayProperties.RateLimits(
                new GatewayProperties.RateLimit(1, Duration.ofHours(1)), null, null, null));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    limits.bindTo(registry);

    for (int i = 0; i < 3; i++) {
      limits.acquire(Credential.SEERR).ifPresent(wait -> limits.refused(Credential.SEERR));
    }

    assertThat(
            registry
                .get("resilience4j.ratelimiter.available.permissions")
                .tag("name", "seerr")
                .gauge()
                .value())
        .isZero();
    assertThat(
            registry
                .get("resilience4j.ratelimiter.available.permissions")
                .tag("name", "qbittorrent")
                .gauge()
                .value())
        .isEqualTo(50);
    assertThat(
            registry
                .get("temporarr.gateway.rate.limited")
                .tag("name", "seerr")
                .functionCounter()
                .count())
        .isEqualTo(2);
  }
}
