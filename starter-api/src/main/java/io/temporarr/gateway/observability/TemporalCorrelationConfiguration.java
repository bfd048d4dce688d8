package io.temporarr.gateway.observability;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporarr.workflows.common.CorrelationPropagator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's {@code WorkflowClient} sends the MDC's correlation ID as a Temporal header. */
@Configuration(proxyBeanMethods = false)
class TemporalCorrelationConfiguration {

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> correlationHeader() {
    return builder ->
        builder.setContextPropagators(
            CorrelationPropagator.appendTo(builder.build().getContextPropagators()));
  }
}
