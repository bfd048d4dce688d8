package io.temporarr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class GatewayPropertiesTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void startupFailsNamingEveryMissingSecretAndItsEnvironmentVariable() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          String failure = messages(context.getStartupFailure());
          assertThat(failure)
              .contains("seerr.authorization")
              .contains("TEMPORARR_GATEWAY_SEERR_AUTHORIZATION")
              .contains("qbittorrent.token")
              .contains("TEMPORARR_GATEWAY_QBITTORRENT_TOKEN")
              .contains("operator.token")
              .contains("TEMPORARR_GATEWAY_OPERATOR_TOKEN")
              .contains("events.secrets")
              .contains("TEMPORARR_GATEWAY_EVENTS_SECRETS");
        });
  }

  @Test
  void blankSecretCountsAsMissing() {
    runner
        .withPropertyValues(
            "temporarr.gateway.seerr.authorization= ",
            TestCredentials.QBITTORRENT_PROPERTY,
            TestCredentials.OPERATOR_PROPERTY,
            TestCredentials.EVENTS_PROPERTY)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("TEMPORARR_GATEWAY_SEERR_AUTHORIZATION")
                  .doesNotContain("TEMPORARR_GATEWAY_OPERATOR_TOKEN");
            });
  }

  @Test
  void documentedEnvironmentVariablesBindAndDefaultsApply() {
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(
                                "TEMPORARR_GATEWAY_SEERR_AUTHORIZATION", "Basic abc",
                                "TEMPORARR_GATEWAY_QBITTORRENT_TOKEN", "qbt",
                                "TEMPORARR_GATEWAY_OPERATOR_TOKEN", "op",
                                "TEMPORARR_GATEWAY_EVENTS_SECRETS", "whsec_new,whsec_old"))))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              GatewayProperties properties = context.getBean(GatewayProperties.class);
              assertThat(properties.seerr().authorization()).isEqualTo("Basic abc");
              assertThat(properties.qbittorrent().token()).isEqualTo("qbt");
              assertThat(properties.operator().token()).isEqualTo("op");
              assertThat(properties.events().secrets()).containsExactly("whsec_new", "whsec_old");
              assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
              assertThat(properties.callTimeout()).isEqualTo(Duration.ofSeconds(10));
              assertThat(properties.updateWait()).isEqualTo(Duration.ofSeconds(10));
              assertThat(properties.json().maxNestingDepth()).isEqualTo(32);
              assertThat(properties.json().maxStringLength()).isEqualTo(65536);
              assertThat(properties.rateLimits().seerr())
                  .isEqualTo(new GatewayProperties.RateLimit(20, Duration.ofSeconds(1)));
              assertThat(properties.rateLimits().qbittorrent().limitForPeriod()).isEqualTo(50);
              assertThat(properties.rateLimits().events().limitForPeriod()).isEqualTo(50);
              assertThat(properties.rateLimits().operator().limitForPeriod()).isEqualTo(20);
              assertThat(properties.ssrf().allow()).isEmpty();
            });
  }

  @Test
  void aRateLimitSetInPartKeepsTheDefaultsOfTheRest() {
    runner
        .withPropertyValues(
            TestCredentials.SEERR_PROPERTY,
            TestCredentials.QBITTORRENT_PROPERTY,
            TestCredentials.OPERATOR_PROPERTY,
            TestCredentials.EVENTS_PROPERTY,
            "temporarr.gateway.rate-limits.seerr.limit-for-period=5",
            "temporarr.gateway.rate-limits.operator.refresh-period=1m",
            "temporarr.gateway.ssrf.allow=jellyfin.lan,192.168.1.0/24")
        .run(
            context -> {
              GatewayProperties properties = context.getBean(GatewayProperties.class);
              assertThat(properties.rateLimits().seerr())
                  .isEqualTo(new GatewayProperties.RateLimit(5, Duration.ofSeconds(1)));
              assertThat(properties.rateLimits().operator())
                  .isEqualTo(new GatewayProperties.RateLimit(20, Duration.ofMinutes(1)));
              assertThat(properties.ssrf().allow())
                  .containsExactly("jellyfin.lan", "192.168.1.0/24");
            });
  }

  @Test
  void unusableProtectionSettingsStopTheStartup() {
    for (String wrong :
        List.of(
            "temporarr.gateway.rate-limits.seerr.limit-for-period=0",
            "temporarr.gateway.rate-limits.events.refresh-period=0s",
            "temporarr.gateway.json.max-nesting-depth=0")) {
      runner
          .withPropertyValues(
              TestCredentials.SEERR_PROPERTY,
              TestCredentials.QBITTORRENT_PROPERTY,
              TestCredentials.OPERATOR_PROPERTY,
              TestCredentials.EVENTS_PROPERTY,
              wrong)
          .run(context -> assertThat(context).as(wrong).hasFailed());
    }
  }

  @Test
  void secretsNeverAppearInToString() {
    GatewayProperties properties =
        new GatewayProperties(
            new GatewayProperties.Seerr("Basic very-secret-1"),
            new GatewayProperties.Qbittorrent("very-secret-2"),
            new GatewayProperties.Operator("very-secret-3"),
            DataSize.ofMegabytes(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            new GatewayProperties.Events(List.of("whsec_very-secret-4")),
            new GatewayProperties.Json(32, 65536),
            new GatewayProperties.RateLimits(null, null, null, null),
            new GatewayProperties.Ssrf(List.of()));

    assertThat(properties.toString()).doesNotContain("very-secret").contains("<redacted>");
  }

  @Test
  void blankEventsSecretIsRefusedNamingItsEnvironmentVariable() {
    runner
        .withPropertyValues(
            TestCredentials.SEERR_PROPERTY,
            TestCredentials.QBITTORRENT_PROPERTY,
            TestCredentials.OPERATOR_PROPERTY,
            "temporarr.gateway.events.secrets[0]= ")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("TEMPORARR_GATEWAY_EVENTS_SECRETS")
                  .doesNotContain("TEMPORARR_GATEWAY_SEERR_AUTHORIZATION");
            });
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class PropertiesOnly {}
}
