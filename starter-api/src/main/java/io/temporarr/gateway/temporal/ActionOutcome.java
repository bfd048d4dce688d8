package io.temporarr.gateway.temporal;

import io.temporarr.workflows.request.RequestStatus;

/**
 * An accepted update: its result when the workflow finished it in time, else only its ID.
 *
 * @param status the workflow's answer, or null while the update is still running
 */
public record ActionOutcome(String workflowId, String updateId, RequestStatus status) {
  public boolean isCompleted() {
    return status != null;
  }
}
