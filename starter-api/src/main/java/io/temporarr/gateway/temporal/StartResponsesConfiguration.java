package io.temporarr.gateway.temporal;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link StartResponses} on the gateway's gRPC channel to Temporal. */
@Configuration(proxyBeanMethods = false)
class StartResponsesConfiguration {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> startResponses() {
    return builder -> builder.addGrpcClientInterceptor(new StartResponses());
  }
}
