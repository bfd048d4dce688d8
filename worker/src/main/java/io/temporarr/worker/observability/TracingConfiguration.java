package io.temporarr.worker.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentracing.Tracer;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.opentracing.SpanBuilderProvider;
import io.temporal.opentracing.internal.ActionTypeAndNameSpanBuilderProvider;
import io.temporarr.workflows.common.CorrelationPropagator;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * OpenTelemetry traces of every workflow, activity and client call, through Temporal's OpenTracing
 * interceptors and the OpenTracing shim, exported over OTLP/HTTP (protobuf). Only when an endpoint
 * is configured ({@value #ENDPOINT}, else the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT});
 * without one none of these beans exist, so tracing costs nothing.
 *
 * <p>The interceptors are registered as beans, which the Temporal starter adds to its client and
 * workers. No {@code io.opentracing.Tracer} or {@code OpenTelemetry} bean is exposed: the starter
 * would build a second pair of interceptors from it, without the correlation tag.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingConfiguration.EndpointConfigured.class)
public class TracingConfiguration {

  static final String ENDPOINT = "temporarr.tracing.otlp.endpoint";

  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the system property of that name) in Spring's form. */
  static final String OTEL_ENDPOINT = "otel.exporter.otlp.endpoint";

  /** The span attribute holding the request's correlation ID. */
  static final String CORRELATION_ATTRIBUTE = "temporarr.correlation_id";

  static final String TRACES_PATH = "/v1/traces";

  @Bean(destroyMethod = "close")
  SdkTracerProvider temporarrTracerProvider(Environment environment) {
    String endpoint = endpoint(environment);
    String service = environment.getProperty("spring.application.name", "temporarr-worker");
    return SdkTracerProvider.builder()
        .setResource(
            Resource.getDefault()
                .merge(
                    Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
        .addSpanProcessor(
            BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(endpoint)).build())
                .build())
        .build();
  }

  @Bean
  WorkerInterceptor temporarrTracingWorkerInterceptor(SdkTracerProvider provider) {
    return new OpenTracingWorkerInterceptor(options(provider));
  }

  /** Client calls (starts, signals) of this worker, e.g. the download monitors. */
  @Bean
  WorkflowClientInterceptor temporarrTracingClientInterceptor(SdkTracerProvider provider) {
    return new OpenTracingClientInterceptor(options(provider));
  }

  static OpenTracingOptions options(SdkTracerProvider provider) {
    // W3C trace context in Temporal headers, as the gateway writes it: its start span is the
    // parent of the worker's workflow span.
    Tracer tracer =
        OpenTracingShim.createTracerShim(
            provider,
            W3CTraceContextPropagator.getInstance(),
            W3CTraceContextPropagator.getInstance());
    return OpenTracingOptions.newBuilder()
        .setTracer(tracer)
        .setSpanBuilderProvider(correlationTagged())
        .build();
  }

  /**
   * The SDK's span names and tags, plus the correlation ID of the thread creating the span (the
   * propagator has put the header's value into the MDC of workflow and activity threads).
   */
  static SpanBuilderProvider correlationTagged() {
    return (tracer, context) -> {
      Tracer.SpanBuilder builder =
          ActionTypeAndNameSpanBuilderProvider.INSTANCE.createSpanBuilder(tracer, context);
      String id = MDC.get(CorrelationPropagator.MDC_KEY);
      return id == null ? builder : builder.withTag(CORRELATION_ATTRIBUTE, id);
    };
  }

  /** OTLP/HTTP convention: the endpoint is the collector's base URL, traces go to /v1/traces. */
  static String tracesUrl(String endpoint) {
    String base = endpoint.strip();
    if (base.endsWith(TRACES_PATH)) {
      return base;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
  }

  /** The configured endpoint, ours before the standard one; null when neither has text. */
  static String endpoint(Environment environment) {
    for (String key : new String[] {ENDPOINT, OTEL_ENDPOINT}) {
      String value = environment.getProperty(key);
      if (StringUtils.hasText(value)) {
        return value;
      }
    }
    return null;
  }

  static class EndpointConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return endpoint(context.getEnvironment()) != null;
    }
  }
}
