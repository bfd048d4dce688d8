package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.MetricNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

@Timeout(30)
class ObservabilityInterceptorTest {

  @ActivityInterface
  public interface Probe {
    String probe(String outcome);
  }

  /** Answers what the MDC holds while it runs, or fails as asked. */
  static class ProbeImpl implements Probe {
    @Override
    public String probe(String outcome) {
      switch (outcome) {
        case "unauthorized" ->
            throw ApplicationFailure.newNonRetryableFailure("bad key", "Unauthorized");
        case "bug" -> throw new IllegalStateException("bug");
        default -> {
          return MDC.get(CorrelationPropagator.MDC_KEY)
              + "|"
              + MDC.get(ObservabilityInterceptor.MDC_WORKFLOW_ID)
              + "|"
              + MDC.get(ObservabilityInterceptor.MDC_ACTIVITY_TYPE);
        }
      }
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestActivityEnvironment environment =
      TestActivityEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder()
              .setWorkerFactoryOptions(
                  WorkerFactoryOptions.newBuilder()
                      .setWorkerInterceptors(new ObservabilityInterceptor(registry))
                      .build())
              .build());

  @AfterEach
  void close() {
    environment.close();
    MDC.clear();
  }

  private Probe probe() {
    environment.registerActivitiesImplementations(new ProbeImpl());
    return environment.newActivityStub(Probe.class);
  }

  @Test
  void anActivityLogsWithItsWorkflowIdActivityTypeAndCorrelationId() {
    String mdc = probe().probe("ok");

    String[] parts = mdc.split("\\|");
    assertThat(parts[1]).as("workflowId").isNotBlank().isNotEqualTo("null");
    assertThat(parts[0]).as("correlation falls back to the workflow ID").isEqualTo(parts[1]);
    assertThat(parts[2]).isEqualTo("Probe");
  }

  @Test
  void failuresAreCountedByActivityTypeErrorTypeAndRetryability() {
    Probe probe = probe();

    catchThrowableOfType(ActivityFailure.class, () -> probe.probe("unauthorized"));
    catchThrowableOfType(ActivityFailure.class, () -> probe.probe("bug"));

    assertThat(
            registry
                .get(MetricNames.ACTIVITY_FAILURES)
                .tags("activity_type", "Probe", "error_type", "Unauthorized", "retryable", "false")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(MetricNames.ACTIVITY_FAILURES)
                .tags(
                    "activity_type",
                    "Probe",
                    "error_type",
                    "IllegalStateException",
                    "retryable",
                    "true")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
