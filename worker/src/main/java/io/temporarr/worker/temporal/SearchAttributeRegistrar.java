package io.temporarr.worker.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers custom search attributes through the Operator API, idempotently: attributes the server
 * already lists are skipped, and "already exists" (another worker won the race, or a server that
 * cannot list them, such as the Java test server) counts as success.
 */
public final class SearchAttributeRegistrar {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private final OperatorServiceStubs operator;
  private final String namespace;

  public SearchAttributeRegistrar(OperatorServiceStubs operator, String namespace) {
    this.operator = operator;
    this.namespace = namespace;
  }

  /**
   * @param attributes the keys to register, each with its name and type, as in {@code
   *     SearchAttributes.ALL}
   * @return the names this call added
   * @throws StatusRuntimeException when the server is unreachable or refuses (retry later)
   */
  public List<String> registerMissing(List<SearchAttributeKey<?>> attributes) {
    Map<String, IndexedValueType> existing = existing();
    List<String> added = new ArrayList<>();
    for (SearchAttributeKey<?> attribute : attributes) {
      String name = attribute.getName();
      IndexedValueType type = attribute.getValueType();
      IndexedValueType present = existing.get(name);
      if (present != null) {
        if (present != type) {
          log.warn(
              "Search attribute {} exists as {} but Temporarr needs {}: list queries on it may"
                  + " fail; re-create it with that type",
              name,
              present,
              type);
        }
        continue;
      }
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(name, type)
                    .build());
        added.add(name);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
    return added;
  }

  /** Custom attributes the server knows; empty when it cannot list them. */
  private Map<String, IndexedValueType> existing() {
    try {
      ListSearchAttributesResponse response =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      return new HashMap<>(response.getCustomAttributesMap());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Map.of();
      }
      throw e;
    }
  }
}
