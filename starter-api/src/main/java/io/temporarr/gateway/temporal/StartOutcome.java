package io.temporarr.gateway.temporal;

/**
 * What starting a request workflow led to.
 *
 * @param runId the run holding the request (the new one, or the one that already held it); null
 *     when queued
 * @param alreadyExisted true when an earlier delivery had started this run; null when unknown
 * @param completedBefore true when nothing was started because the request already completed (see
 *     the reuse policy on {@link RequestWorkflows#start})
 * @param queued true when the start waits in the durable inbox because Temporal was unreachable (or
 *     earlier deliveries still wait there); it is delivered with the same options later
 */
public record StartOutcome(
    String workflowId,
    String runId,
    Boolean alreadyExisted,
    boolean completedBefore,
    boolean queued) {

  static StartOutcome started(String workflowId, String runId, Boolean alreadyExisted) {
    return new StartOutcome(workflowId, runId, alreadyExisted, false, false);
  }

  static StartOutcome completedBefore(String workflowId, String runId) {
    return new StartOutcome(workflowId, runId, true, true, false);
  }

  public static StartOutcome queued(String workflowId) {
    return new StartOutcome(workflowId, null, null, false, true);
  }
}
