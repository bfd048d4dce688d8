package io.temporarr.gateway;

import io.temporarr.activities.testing.docs.DocsCheck;
import org.junit.jupiter.api.Test;

/**
 * The docs name every key and every endpoint of the gateway, so adding one without a line in the
 * docs fails here; each check is also shown failing on the real document with one name taken out.
 * The worker checks its keys and the Maven modules the same way.
 */
class DocsNameWhatTheCodeHasTest {

  @Test
  void configurationNamesEveryKeyOfTheGateway() throws Exception {
    DocsCheck.configurationKeys(TemporarrGatewayApplication.class)
        .assertNamedIn("configuration.md", "update-wait", "temporarr.gateway.update-wait");
  }

  @Test
  void gatewayDocNamesEveryEndpoint() throws Exception {
    DocsCheck.endpoints(TemporarrGatewayApplication.class)
        .assertNamedIn("gateway.md", "POST /webhooks/events", "POST /webhooks/events");
  }
}
