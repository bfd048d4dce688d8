package io.temporarr.worker.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporarr.activities.release.RejectionListener;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.MetricNames;
import io.temporarr.workflows.search.Rejection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Business metrics and correlation for the worker. The workflow emits its metrics through the SDK's
 * metrics scope, which the Temporal starter bridges to this {@link MeterRegistry}; activity-side
 * metrics and the MDC are handled here, without Spring or Micrometer in the activities.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

  /** Picked up by the starter for every worker it creates. */
  @Bean
  WorkerInterceptor temporarrObservabilityInterceptor(MeterRegistry registry) {
    return new ObservabilityInterceptor(registry);
  }

  /** Workflows and activities of this worker pass the correlation ID along in a header. */
  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> correlationPropagation() {
    return builder ->
        builder.setContextPropagators(
            CorrelationPropagator.appendTo(builder.build().getContextPropagators()));
  }

  /** Rejected releases by reason (reasons are the fixed set of {@code RejectionReasons}). */
  @Bean
  RejectionListener releaseRejectionCounter(MeterRegistry registry) {
    return rejections -> {
      Map<String, Long> byReason =
          rejections.stream()
              .collect(Collectors.groupingBy(Rejection::reason, Collectors.counting()));
      byReason.forEach(
          (reason, count) ->
              registry
                  .counter(MetricNames.RELEASES_REJECTED, MetricNames.TAG_REASON, reason)
                  .increment(count));
    };
  }
}
