package io.temporarr.gateway.observability;

import io.temporarr.workflows.common.CorrelationPropagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request one correlation ID: the caller's {@code X-Correlation-Id} when it is well
 * formed (bounded, plain characters: {@link CorrelationPropagator#isWellFormed}), else a new UUID.
 * It is echoed in the answer's {@code X-Correlation-Id}, kept in the MDC for the gateway's log
 * lines, and — because the gateway's {@code WorkflowClient} carries {@link CorrelationPropagator} —
 * sent to Temporal as a header with every start, signal and update made while handling the request.
 * A malformed value is not an error: it is replaced, never logged or forwarded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationFilter extends OncePerRequestFilter {

  /** Request attribute set when the ID was generated here rather than taken from the caller. */
  static final String GENERATED = CorrelationFilter.class.getName() + ".generated";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(CorrelationPropagator.HTTP_HEADER);
    String id = presented;
    if (!CorrelationPropagator.isWellFormed(presented)) {
      id = UUID.randomUUID().toString();
      request.setAttribute(GENERATED, Boolean.TRUE);
    }
    response.setHeader(CorrelationPropagator.HTTP_HEADER, id);
    MDC.put(CorrelationPropagator.MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(CorrelationPropagator.MDC_KEY);
    }
  }

  /** The current request's correlation ID; a new one outside a request (tests, jobs). */
  public static String current() {
    String id = MDC.get(CorrelationPropagator.MDC_KEY);
    return id != null ? id : UUID.randomUUID().toString();
  }

  /**
   * The sender's own ID from the payload (a signed event's {@code correlationId}) replaces one the
   * gateway generated, so the sender's flow and the request share it; an {@code X-Correlation-Id}
   * the caller sent wins over it.
   *
   * @return the request's correlation ID from now on
   */
  public static String preferSenders(String senderId) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes servlet)
        || !CorrelationPropagator.isWellFormed(senderId)
        || servlet.getAttribute(GENERATED, RequestAttributes.SCOPE_REQUEST) == null) {
      return current();
    }
    MDC.put(CorrelationPropagator.MDC_KEY, senderId);
    if (servlet.getResponse() != null) {
      servlet.getResponse().setHeader(CorrelationPropagator.HTTP_HEADER, senderId);
    }
    return senderId;
  }
}
