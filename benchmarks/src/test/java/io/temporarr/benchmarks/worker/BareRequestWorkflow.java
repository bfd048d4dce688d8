package io.temporarr.benchmarks.worker;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The baseline: a request's activity pattern with no-op activities and nothing else. */
@WorkflowInterface
public interface BareRequestWorkflow {

  @WorkflowMethod
  void run(BareRequestInput input);

  @SignalMethod
  void progress(BareProgress progress);
}
