package io.temporarr.worker.retry;

import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declarative retry policies ({@code temporarr.activities.*}) applied through the starter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivityPolicies.class)
public class RetryPolicyConfiguration {

  @Bean
  DeclarativeActivityOptions declarativeActivityOptions(ActivityPolicies policies) {
    return new DeclarativeActivityOptions(policies);
  }

  @Bean
  WorkflowImplementationOptionsCustomizer activityOptionsCustomizer(
      DeclarativeActivityOptions options) {
    return new ActivityOptionsCustomizer(options);
  }
}
