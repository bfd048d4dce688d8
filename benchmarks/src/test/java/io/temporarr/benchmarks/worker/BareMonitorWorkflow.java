package io.temporarr.benchmarks.worker;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The baseline's download monitor: one poll per interval, one signal per reported download. */
@WorkflowInterface
public interface BareMonitorWorkflow {

  @WorkflowMethod
  void run(Duration pollInterval);
}
