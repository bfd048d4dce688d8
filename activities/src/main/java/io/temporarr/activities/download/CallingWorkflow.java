package io.temporarr.activities.download;

import io.temporal.activity.Activity;

/**
 * The request a download activity acts for: the workflow that scheduled it. A torrent two requests
 * share carries one tag (qBittorrent) or label (Transmission) per request, the workflow ID each
 * request added it with; removing or retiring it for one request takes away only that request's
 * tag. For a season child the caller is the child, which is also the workflow that added the
 * torrent.
 */
@FunctionalInterface
public interface CallingWorkflow {

  /**
   * The workflow that scheduled the activity running on this thread; null outside an activity
   * (tests and tools that call an implementation directly must name their caller).
   */
  CallingWorkflow ACTIVITY =
      () -> {
        try {
          return Activity.getExecutionContext().getInfo().getWorkflowId();
        } catch (IllegalStateException outsideAnActivity) {
          return null;
        }
      };

  /** The calling workflow's ID, null when unknown. */
  String workflowId();

  /**
   * The caller's ID, for the methods that change what the caller owns. Failures: {@code
   * IllegalStateException} when unknown — only possible outside an activity.
   */
  default String required() {
    String workflowId = workflowId();
    if (workflowId == null || workflowId.isBlank()) {
      throw new IllegalStateException(
          "no calling workflow: outside an activity, name the request the call acts for");
    }
    return workflowId;
  }
}
