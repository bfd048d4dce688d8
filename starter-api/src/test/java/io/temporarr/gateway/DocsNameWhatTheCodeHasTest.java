package io.temporarr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.testing.docs.ConfigurationKeys;
import io.temporarr.activities.testing.docs.DocsCheck;
import io.temporarr.activities.testing.docs.Endpoints;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * The docs name every key and every endpoint of the gateway: adding one without a line in the docs
 * fails here. The worker checks its own keys and the Maven modules the same way.
 */
class DocsNameWhatTheCodeHasTest {

  @Test
  void configurationNamesEveryKeyOfTheGateway() throws Exception {
    SortedSet<String> keys = ConfigurationKeys.of(TemporarrGatewayApplication.class);
    String configuration = DocsCheck.read("configuration.md");

    assertThat(keys)
        .contains("temporarr.gateway.inbox.path", "temporarr.gateway.seerr.authorization");
    assertThat(DocsCheck.keysMissing(keys, configuration))
        .as("gateway keys that docs/configuration.md does not name (add each with its default)")
        .isEmpty();
    assertThat(DocsCheck.keysMissing(keys, configuration.replaceAll("`[\\w.]*update-wait`", "")))
        .containsExactly("temporarr.gateway.update-wait");
  }

  @Test
  void gatewayDocNamesEveryEndpoint() throws Exception {
    SortedSet<String> endpoints = Endpoints.of(TemporarrGatewayApplication.class);
    String gateway = DocsCheck.read("gateway.md");

    assertThat(endpoints).contains("POST /webhooks/seerr", "GET /api/requests");
    assertThat(DocsCheck.endpointsMissing(endpoints, gateway))
        .as("endpoints that docs/gateway.md does not name as `METHOD /path`")
        .isEmpty();
    assertThat(
            DocsCheck.endpointsMissing(endpoints, gateway.replace("`POST /webhooks/events`", "")))
        .containsExactly("POST /webhooks/events");
  }
}
