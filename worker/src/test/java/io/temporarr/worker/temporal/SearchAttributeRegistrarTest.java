package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testserver.TestServer;
import io.temporarr.workflows.common.SearchAttributes;
import java.util.Map;
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
          .containsExactlyInAnyOrderElementsOf(SearchAttributes.ALL.keySet());
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

  @Test
  void typeNamesMapToIndexedValueTypes() {
    Map<String, IndexedValueType> expected =
        Map.of(
            "Keyword", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "Text", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "Int", IndexedValueType.INDEXED_VALUE_TYPE_INT,
            "KeywordList", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
            "Datetime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    expected.forEach(
        (name, type) ->
            assertThat(SearchAttributeRegistrar.indexedValueType(name)).isEqualTo(type));
  }
}
