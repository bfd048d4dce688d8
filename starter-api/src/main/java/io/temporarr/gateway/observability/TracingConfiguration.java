package io.temporarr.gateway.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentracing.Tracer;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
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
 * Traces the gateway's Temporal client calls (start, signal, update) with Temporal's OpenTracing
 * client interceptor over the OpenTelemetry shim, exported over OTLP/HTTP. The span context travels
 * in the workflow's header (W3C trace context), so the worker's workflow span is a child of the
 * gateway's start span. Same switch as the worker's: {@code temporarr.tracing.otlp.endpoint} or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}; without either none of these beans exist. No {@code Tracer}
 * or {@code OpenTelemetry} bean is exposed, so the Temporal starter adds no second interceptor.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingConfiguration.EndpointConfigured.class)
class TracingConfiguration {
  static final String ENDPOINT = "temporarr.tracing.otlp.endpoint";
  static final String OTEL_ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String CORRELATION_ATTRIBUTE = "temporarr.correlation_id";

  @Bean(destroyMethod = "close")
  SdkTracerProvider temporarrTracerProvider(Environment environment) {
    String base = endpoint(environment).strip().replaceFirst("/+$", "");
    String url = base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    return SdkTracerProvider.builder()
        .setResource(
            Resource.getDefault()
                .merge(
                    Resource.create(
                        Attributes.of(
                            AttributeKey.stringKey("service.name"),
                            environment.getProperty(
                                "spring.application.name", "temporarr-gateway")))))
        .addSpanProcessor(
            BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(url).build())
                .build())
        .build();
  }

  @Bean
  WorkflowClientInterceptor temporarrTracingClientInterceptor(SdkTracerProvider provider) {
    Tracer tracer =
        OpenTracingShim.createTracerShim(
            provider,
            W3CTraceContextPropagator.getInstance(),
            W3CTraceContextPropagator.getInstance());
    return new OpenTracingClientInterceptor(
        OpenTracingOptions.newBuilder()
            .setTracer(tracer)
            // The SDK's span names, plus the request's correlation ID from the MDC.
            .setSpanBuilderProvider(
                (spanTracer, context) -> {
                  Tracer.SpanBuilder builder =
                      ActionTypeAndNameSpanBuilderProvider.INSTANCE.createSpanBuilder(
                          spanTracer, context);
                  String id = MDC.get(CorrelationPropagator.MDC_KEY);
                  return id == null ? builder : builder.withTag(CORRELATION_ATTRIBUTE, id);
                })
            .build());
  }

  static String endpoint(Environment environment) {
    String ours = environment.getProperty(ENDPOINT);
    return StringUtils.hasText(ours) ? ours : environment.getProperty(OTEL_ENDPOINT);
  }

  static class EndpointConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(endpoint(context.getEnvironment()));
    }
  }
}
