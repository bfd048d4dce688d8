package io.temporarr.workflows.download;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per download client (ID {@code download-monitor:<client>}): polls the client incrementally on
 * a Temporal timer and signals {@code downloadProgress} only to the request workflows whose
 * downloads changed, so API calls per interval stay constant however many downloads are active.
 * Runs forever, continuing as new before its history grows large.
 */
@WorkflowInterface
public interface DownloadMonitorWorkflow {
  @WorkflowMethod
  void run(DownloadMonitorInput input);
}
