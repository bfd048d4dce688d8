package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testserver.TestServer;
import io.temporarr.workflows.common.SearchAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SearchAttributeRegistrarTest {

  @Test
  void registersEveryMissingAttributeOnceAndToleratesAlreadyExisting() {
    int port = TestTemporal.freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        TestTemporal temporal = new TestTemporal("127.0.0.1:" + port)) {
      SearchAttributeRegistrar registrar =
          new SearchAttributeRegistrar(temporal.operator, TestTemporal.NAMESPACE);

      assertThat(registrar.registerMissing(SearchAttributes.ALL))
          .containsExactlyInAnyOrderElementsOf(
              SearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList());
      // The Java test server cannot list attributes: the second run relies on ALREADY_EXISTS.
      assertThat(registrar.registerMissing(SearchAttributes.ALL)).isEmpty();
    }
  }

  @Test
  void anUnreachableServerFailsSoStartUpRetries() {
    try (TestTemporal temporal = new TestTemporal("127.0.0.1:" + TestTemporal.freePort())) {
      SearchAttributeRegistrar registrar =
          new SearchAttributeRegistrar(temporal.operator, TestTemporal.NAMESPACE);

      assertThatThrownBy(() -> registrar.registerMissing(SearchAttributes.ALL))
          .isInstanceOf(StatusRuntimeException.class);
    }
  }
}
