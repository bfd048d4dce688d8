package io.temporarr.benchmarks.worker;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The baseline's activities: they do nothing, so only Temporal and the SDK are measured. */
@ActivityInterface
public interface BareActivities {

  /**
   * Does nothing. With {@code register} the bare monitor starts reporting a download for the
   * workflow, which "completes" after the baseline's download duration (as the sandbox's does).
   */
  @ActivityMethod(name = "BareStep")
  void step(String workflowId, boolean register);

  /** Every registered download, completed ones for the last time (the monitor's one poll). */
  @ActivityMethod(name = "BarePoll")
  List<BareProgress> poll();
}
