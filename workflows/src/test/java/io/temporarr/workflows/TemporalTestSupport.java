package io.temporarr.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How every workflow test builds its Temporal environment and registers workflows. */
public final class TemporalTestSupport {
  private TemporalTestSupport() {}

  /** A time-skipping test environment with the contract's search attributes registered. */
  public static TestWorkflowEnvironment newEnvironment() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    SearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    return env;
  }

  /**
   * What the worker builds from its declarative config: defaults plus a per-type entry, and
   * local-activity defaults. Short retry intervals so exhausting retries takes milliseconds.
   */
  public static WorkflowImplementationOptions implementationOptions() {
    RetryOptions quickRetries =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(10))
            .setBackoffCoefficient(1.0)
            .setMaximumAttempts(3)
            .build();
    ActivityOptions defaults =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(quickRetries)
            .build();
    return WorkflowImplementationOptions.newBuilder()
        .setDefaultActivityOptions(defaults)
        .setActivityOptions(
            Map.of(
                ActivityTypes.SEND_NOTIFICATION,
                ActivityOptions.newBuilder(defaults)
                    .setRetryOptions(
                        RetryOptions.newBuilder(quickRetries).setMaximumAttempts(2).build())
                    .build()))
        .setDefaultLocalActivityOptions(
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(quickRetries)
                .build())
        .build();
  }

  /** The change IDs of the version markers in a history, in order. */
  public static List<String> versionChanges(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(marker -> marker.getMarkerName().equals("Version"))
        .map(
            marker ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    marker.getDetailsOrThrow("changeId").getPayloads(0),
                    String.class,
                    String.class))
        .toList();
  }
}
