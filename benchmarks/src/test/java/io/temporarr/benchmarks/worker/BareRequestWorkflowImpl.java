package io.temporarr.benchmarks.worker;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the groups before the signal, waits (with a timer per wake-up, as the request's download
 * wait does) until the monitor reports the download complete, then runs the remaining groups.
 */
public class BareRequestWorkflowImpl implements BareRequestWorkflow {

  private final BareActivities activities =
      Workflow.newActivityStub(
          BareActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

  private int signals;
  private boolean complete;

  @Override
  public void run(BareRequestInput input) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<Integer> before = input.beforeSignal();
    for (int g = 0; g < before.size(); g++) {
      runGroup(workflowId, before.get(g), g == before.size() - 1);
    }
    while (!complete) {
      int seen = signals;
      if (!Workflow.await(input.waitTimeout(), () -> complete || signals != seen)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "no progress within " + input.waitTimeout(), "Stalled");
      }
    }
    for (int size : input.afterSignal()) {
      runGroup(workflowId, size, false);
    }
  }

  @Override
  public void progress(BareProgress progress) {
    signals++;
    complete |= progress.complete();
  }

  private void runGroup(String workflowId, int size, boolean register) {
    List<Promise<Void>> running = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      running.add(Async.procedure(activities::step, workflowId, register && i == 0));
    }
    Promise.allOf(running).get();
  }
}
