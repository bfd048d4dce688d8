package io.temporarr.benchmarks.worker;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowException;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Mirrors the download monitor's pattern: a poll activity per interval, a signal to each reported
 * request (sent in parallel, then awaited), an extra activity every tenth poll (its seeding check),
 * continue-as-new after 200 polls.
 */
public class BareMonitorWorkflowImpl implements BareMonitorWorkflow {

  static final int POLLS_PER_RUN = 200;
  static final int EXTRA_EVERY = 10;

  private final BareActivities activities =
      Workflow.newActivityStub(
          BareActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

  @Override
  public void run(Duration pollInterval) {
    for (int polls = 0; polls < POLLS_PER_RUN; polls++) {
      List<Promise<Void>> sent = new ArrayList<>();
      for (BareProgress progress : activities.poll()) {
        BareRequestWorkflow request =
            Workflow.newExternalWorkflowStub(BareRequestWorkflow.class, progress.workflowId());
        sent.add(Async.procedure(request::progress, progress));
      }
      for (Promise<Void> signal : sent) {
        try {
          signal.get();
        } catch (WorkflowException | TemporalFailure closed) {
          // As the real monitor: a request that closed needs no progress.
        }
      }
      if (polls % EXTRA_EVERY == 0) {
        activities.step("", false);
      }
      Workflow.sleep(pollInterval);
    }
    Workflow.continueAsNew(pollInterval);
  }
}
