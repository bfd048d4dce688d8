package io.temporarr.workflows.common;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Carries a request's correlation ID through Temporal headers: from the {@value #MDC_KEY} MDC entry
 * of the thread that starts or signals a workflow (the gateway's request thread, its inbox drainer)
 * or schedules work (a workflow thread) into the MDC of the thread that runs it (the workflow, an
 * activity, a child workflow). The gateway and the worker register this one class on their {@code
 * WorkflowClient}s, so both use the same header key.
 *
 * <p>Deterministic: the header travels in the workflow's history, so a replay sees the same value.
 */
public final class CorrelationPropagator implements ContextPropagator {

  /** The Temporal header that holds the ID. */
  public static final String HEADER_KEY = "temporarr-correlation-id";

  /** The MDC key holding the current request's correlation ID (gateway and worker alike). */
  public static final String MDC_KEY = "correlationId";

  /** The HTTP header that carries it into the gateway and out of every activity call. */
  public static final String HTTP_HEADER = "X-Correlation-Id";

  /** What an ID may look like: it goes into HTTP headers and log lines verbatim. */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

  /** Whether {@code id} is safe to send as a header and to log: bounded, plain characters. */
  public static boolean isWellFormed(String id) {
    return id != null && WELL_FORMED.matcher(id).matches();
  }

  /** {@code configured} (a client's propagators, possibly null) followed by this propagator. */
  public static List<ContextPropagator> appendTo(List<ContextPropagator> configured) {
    List<ContextPropagator> propagators = new ArrayList<>();
    if (configured != null) {
      propagators.addAll(configured);
    }
    propagators.add(new CorrelationPropagator());
    return propagators;
  }

  @Override
  public String getName() {
    return HEADER_KEY;
  }

  @Override
  public Map<String, Payload> serializeContext(Object context) {
    if (!(context instanceof String id)) {
      return Map.of();
    }
    return Map.of(HEADER_KEY, DefaultDataConverter.STANDARD_INSTANCE.toPayload(id).orElseThrow());
  }

  @Override
  public Object deserializeContext(Map<String, Payload> header) {
    Payload payload = header.get(HEADER_KEY);
    return payload == null
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  @Override
  public Object getCurrentContext() {
    return MDC.get(MDC_KEY);
  }

  @Override
  public void setCurrentContext(Object context) {
    if (context instanceof String id && isWellFormed(id)) {
      MDC.put(MDC_KEY, id);
    }
  }
}
