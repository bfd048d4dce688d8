package io.temporarr.benchmarks.worker;

import java.time.Duration;
import java.util.List;

/**
 * Input of {@link BareRequestWorkflow}: the {@link WorkflowShape} of a real request.
 *
 * @param beforeSignal activity group sizes before the wait for the download (the last group's first
 *     activity registers the download, as AddDownload does)
 * @param afterSignal activity group sizes once the download completed
 * @param waitTimeout the timer of each wait, as the request's stall timeout
 */
public record BareRequestInput(
    List<Integer> beforeSignal, List<Integer> afterSignal, Duration waitTimeout) {

  public static BareRequestInput of(WorkflowShape shape, Duration waitTimeout) {
    return new BareRequestInput(shape.beforeSignal(), shape.afterSignal(), waitTimeout);
  }
}
