package io.temporarr.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporarr.gateway.Answer;
import io.temporarr.workflows.common.MetricNames;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every webhook delivery by source and {@link WebhookOutcome} ({@value
 * MetricNames#WEBHOOKS}_total on {@code /actuator/prometheus}). A filter around the whole chain
 * sees every answer, including the 401 and 429 given before a controller runs; successful answers
 * are told apart by their {@link Answer} body, which {@link AnswerOutcome} notes on the request.
 * Every source × outcome pair exists from start-up, so dashboards show zeros rather than gaps.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class WebhookMetrics extends OncePerRequestFilter {

  static final String PATH_PREFIX = "/webhooks/";

  /** The webhook endpoints; other paths under /webhooks/ are 404s, not a source. */
  static final List<String> SOURCES = List.of("seerr", "qbittorrent", "events");

  static final String OUTCOME_ATTRIBUTE = WebhookMetrics.class.getName() + ".outcome";

  private final Map<String, Map<WebhookOutcome, Counter>> counters = new LinkedHashMap<>();

  /** Web slice tests have no registry: they count into a private one. */
  WebhookMetrics(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
    for (String source : SOURCES) {
      Map<WebhookOutcome, Counter> bySource = new EnumMap<>(WebhookOutcome.class);
      for (WebhookOutcome outcome : WebhookOutcome.values()) {
        bySource.put(
            outcome,
            Counter.builder(MetricNames.WEBHOOKS)
                .description("Webhook deliveries by source and outcome")
                .tag(MetricNames.TAG_SOURCE, source)
                .tag(MetricNames.TAG_OUTCOME, outcome.tag())
                .register(meters));
      }
      counters.put(source, bySource);
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return source(request) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String source = source(request);
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      counters.get(source).get(WebhookOutcome.FAILED).increment();
      throw e;
    }
    WebhookOutcome outcome =
        response.getStatus() < 300
                && request.getAttribute(OUTCOME_ATTRIBUTE) instanceof WebhookOutcome noted
            ? noted
            : WebhookOutcome.of(response.getStatus());
    counters.get(source).get(outcome).increment();
  }

  private static String source(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(PATH_PREFIX)) {
      return null;
    }
    String source = path.substring(PATH_PREFIX.length());
    return SOURCES.contains(source) ? source : null;
  }

  /** Notes the outcome an {@link Answer} stands for, for the filter to count. */
  @RestControllerAdvice
  static class AnswerOutcome implements ResponseBodyAdvice<Object> {
    @Override
    public boolean supports(
        MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
      return true;
    }

    @Override
    public Object beforeBodyWrite(
        Object body,
        MethodParameter returnType,
        MediaType selectedContentType,
        Class<? extends HttpMessageConverter<?>> selectedConverterType,
        ServerHttpRequest request,
        ServerHttpResponse response) {
      if (body instanceof Answer answer && request instanceof ServletServerHttpRequest servlet) {
        servlet.getServletRequest().setAttribute(OUTCOME_ATTRIBUTE, WebhookOutcome.of(answer));
      }
      return body;
    }
  }
}
