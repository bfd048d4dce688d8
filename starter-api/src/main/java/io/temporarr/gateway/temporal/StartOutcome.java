package io.temporarr.gateway.temporal;

/**
 * What starting a request workflow led to.
 *
 * @param runId the run holding the request (the new one, or the one that already held it)
 * @param alreadyExisted true when an earlier delivery had started this run; null when unknown
 * @param completedBefore true when nothing was started because the request already completed (see
 *     the reuse policy on {@link RequestWorkflows#start})
 */
public record StartOutcome(
    String workflowId, String runId, Boolean alreadyExisted, boolean completedBefore) {

  static StartOutcome started(String workflowId, String runId, Boolean alreadyExisted) {
    return new StartOutcome(workflowId, runId, alreadyExisted, false);
  }

  static StartOutcome completedBefore(String workflowId, String runId) {
    return new StartOutcome(workflowId, runId, true, true);
  }
}
