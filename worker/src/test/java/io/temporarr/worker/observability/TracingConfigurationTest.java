package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TracingConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(TracingConfiguration.class);

  @Test
  void withoutAnEndpointThereIsNoTracerProviderAndNoInterceptor() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(SdkTracerProvider.class);
          assertThat(context).doesNotHaveBean(WorkerInterceptor.class);
          assertThat(context).doesNotHaveBean(WorkflowClientInterceptor.class);
        });
  }

  @Test
  void aBlankEndpointLeavesTracingOff() {
    runner
        .withPropertyValues("temporarr.tracing.otlp.endpoint= ")
        .run(context -> assertThat(context).doesNotHaveBean(SdkTracerProvider.class));
  }

  @Test
  void theStandardOtelEndpointVariableTurnsTracingOn() {
    // OTEL_EXPORTER_OTLP_ENDPOINT in the environment reads as this property.
    runner
        .withPropertyValues("otel.exporter.otlp.endpoint=http://collector:4318")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SdkTracerProvider.class);
              assertThat(context.getBean(WorkerInterceptor.class))
                  .isInstanceOf(OpenTracingWorkerInterceptor.class);
              assertThat(context.getBean(WorkflowClientInterceptor.class))
                  .isInstanceOf(OpenTracingClientInterceptor.class);
            });
  }

  @Test
  void theEndpointIsTheCollectorsBaseUrlAndTracesGoToV1Traces() {
    assertThat(TracingConfiguration.tracesUrl("http://tempo:4318"))
        .isEqualTo("http://tempo:4318/v1/traces");
    assertThat(TracingConfiguration.tracesUrl("http://tempo:4318/"))
        .isEqualTo("http://tempo:4318/v1/traces");
    assertThat(TracingConfiguration.tracesUrl("http://jaeger:4318/v1/traces"))
        .isEqualTo("http://jaeger:4318/v1/traces");
  }
}
