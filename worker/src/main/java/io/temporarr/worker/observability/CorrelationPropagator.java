package io.temporarr.worker.observability;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporarr.activities.http.CorrelationInterceptor;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the correlation ID from the MDC of the thread that schedules work (a workflow thread, see
 * {@link ObservabilityInterceptor}) through a Temporal header into the MDC of the thread that runs
 * it (an activity, a child workflow), so logs and outbound calls of one request share it.
 */
final class CorrelationPropagator implements ContextPropagator {

  static final String HEADER = "temporarr-correlation-id";

  @Override
  public String getName() {
    return HEADER;
  }

  @Override
  public Map<String, Payload> serializeContext(Object context) {
    if (!(context instanceof String id)) {
      return Map.of();
    }
    return Map.of(HEADER, DefaultDataConverter.STANDARD_INSTANCE.toPayload(id).orElseThrow());
  }

  @Override
  public Object deserializeContext(Map<String, Payload> header) {
    Payload payload = header.get(HEADER);
    return payload == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  @Override
  public Object getCurrentContext() {
    return MDC.get(CorrelationInterceptor.MDC_KEY);
  }

  @Override
  public void setCurrentContext(Object context) {
    if (context instanceof String id) {
      MDC.put(CorrelationInterceptor.MDC_KEY, id);
    }
  }
}
