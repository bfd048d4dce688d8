package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class EventsConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(EventsOnly.class)
          .withPropertyValues(
              TestCredentials.SEERR_PROPERTY,
              TestCredentials.QBITTORRENT_PROPERTY,
              TestCredentials.OPERATOR_PROPERTY);

  @Test
  void startsWithWellFormedSecretsAndCompilesEverySchema() {
    runner
        .withPropertyValues(TestCredentials.EVENTS_PROPERTY)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WebhookVerifier.class))
                  .hasToString("WebhookVerifier[2 key(s)]");
              assertThat(context).hasSingleBean(EventSchemas.class);
            });
  }

  @Test
  void malformedSecretStopsStartupNamingItsPositionButNotItsValue() {
    runner
        .withPropertyValues(
            "temporarr.gateway.events.secrets=" + TestCredentials.EVENTS + ",whsec_dG9vLXNob3J0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              String failure = messages(context.getStartupFailure());
              assertThat(failure)
                  .contains("temporarr.gateway.events.secrets[1]")
                  .contains("TEMPORARR_GATEWAY_EVENTS_SECRETS")
                  .doesNotContain("dG9vLXNob3J0");
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
  @Import(EventsConfiguration.class)
  static class EventsOnly {}
}
