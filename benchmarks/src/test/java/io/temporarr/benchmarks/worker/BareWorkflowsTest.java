package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The baseline repeats the shape it is given: same activities, same groups, a monitor signal. */
@Timeout(60)
class BareWorkflowsTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(BareWorker.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        BareRequestWorkflowImpl.class, BareMonitorWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new BareActivitiesImpl(Duration.ZERO, Clock.systemUTC()));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aBareRequestRunsTheShapesActivitiesAndWaitsForTheMonitorsSignalInBetween() {
    WorkflowShape shape = new WorkflowShape(List.of(1, 1), List.of(1, 1, 2), 1);
    BareMonitorWorkflow monitor =
        client.newWorkflowStub(
            BareMonitorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("bare-monitor")
                .setTaskQueue(BareWorker.TASK_QUEUE)
                .build());
    WorkflowClient.start(monitor::run, Duration.ofSeconds(1));
    BareRequestWorkflow request =
        client.newWorkflowStub(
            BareRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("bare-1")
                .setTaskQueue(BareWorker.TASK_QUEUE)
                .build());

    request.run(BareRequestInput.of(shape, Duration.ofMinutes(2)));

    List<HistoryEvent> history = client.fetchHistory("bare-1").getHistory().getEventsList();
    assertThat(WorkflowShape.of(history)).isEqualTo(shape);
  }
}
