package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.RequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 3: the Temporal dev server is stopped for {@code -Dchaos.temporal-down} seconds
 * (default 30) while {@code -Dchaos.requests} requests (default 10) are mid-download on the sandbox
 * worker, then restarted from its database file. Every workflow resumes and completes, each with
 * exactly one completion notification key.
 */
@Tag("chaos")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class TemporalOutageChaosIT {
  private static final int REQUESTS = Integer.getInteger("chaos.requests", 10);
  private static final Duration DOWN =
      Duration.ofSeconds(Integer.getInteger("chaos.temporal-down", 30));

  @Test
  void everyWorkflowResumesAndCompletesAfterTheServerComesBackFromItsDatabaseFile()
      throws Exception {
    try (ChaosStack stack = ChaosStack.sandbox("temporal-outage", Duration.ofSeconds(20))) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= REQUESTS; i++) {
        String id = WorkflowIds.mediaRequest("seerr", "outage-" + i);
        ids.add(id);
        WorkflowClient.start(
            stack.newRequest(id)::run,
            MediaRequestInput.movie("seerr", "outage-" + i, "Outage Movie " + i, 2020, 9000 + i));
      }
      // Stop once every request has a download in the client: the outage hits them mid-way.
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  ids.stream()
                      .allMatch(
                          id ->
                              stack
                                      .client()
                                      .newWorkflowStub(
                                          io.temporarr.workflows.request.MediaRequestWorkflow.class,
                                          id)
                                      .status()
                                      .download()
                                  != null));
      stack.stopTemporal();
      await().pollDelay(DOWN).atMost(DOWN.plusSeconds(5)).until(() -> true);
      stack.assertWorkerAlive();
      stack.restartTemporal();

      Map<String, RequestState> outcomes = stack.outcomes(ids, Duration.ofMinutes(5));
      List<String> notCompleted = ChaosStack.otherThan(outcomes, Set.of(RequestState.COMPLETED));
      int completed = ids.size() - notCompleted.size();
      var keys = stack.keysPerEvent();
      long lost = ids.stream().filter(id -> !keys.containsKey(id + " request.completed")).count();
      long duplicates = keys.values().stream().filter(k -> k.size() > 1).count();
      System.out.printf(
          "chaos 3 (Temporal down %ds mid-download): sent=%d acknowledged=%d workflows=%d"
              + " completed=%d duplicates=%d lost=%d notification-redeliveries=%d%n",
          DOWN.toSeconds(),
          REQUESTS,
          ids.size(),
          ids.size(),
          completed,
          duplicates,
          lost,
          stack.redeliveries());
      assertThat(notCompleted).as("requests that did not complete").isEmpty();
      assertThat(lost).as("completed requests without a completion notification").isZero();
      assertThat(duplicates).as("events notified under two keys").isZero();
      assertThat(Set.copyOf(ids)).hasSize(REQUESTS);
    }
  }
}
