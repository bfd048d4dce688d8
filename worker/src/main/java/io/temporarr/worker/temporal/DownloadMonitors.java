package io.temporarr.worker.temporal;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadMonitorInput;
import io.temporarr.workflows.download.DownloadMonitorWorkflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link DownloadMonitorWorkflow} running per configured download client (ADR 0002).
 * Starting is idempotent: the ID is the client's ({@code download-monitor:<client>}) and the
 * conflict policy USE_EXISTING hands back the running monitor, so every worker replica may call
 * this at start-up and a restart never creates a second monitor. A monitor that ended (terminated
 * by an operator, failed) is started again.
 */
public final class DownloadMonitors {

  private static final Logger log = LoggerFactory.getLogger(DownloadMonitors.class);

  private final WorkflowClient client;
  private final Map<String, Duration> pollIntervals;

  /**
   * @param pollIntervals download client name → poll interval, in start order
   */
  public DownloadMonitors(WorkflowClient client, Map<String, Duration> pollIntervals) {
    this.client = client;
    this.pollIntervals = new LinkedHashMap<>(pollIntervals);
  }

  /** Starts the monitors that are not running; returns each client's running execution. */
  public Map<String, WorkflowExecution> ensureRunning() {
    Map<String, WorkflowExecution> running = new LinkedHashMap<>();
    pollIntervals.forEach(
        (name, interval) -> {
          DownloadMonitorWorkflow monitor =
              client.newWorkflowStub(
                  DownloadMonitorWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(WorkflowIds.downloadMonitor(name))
                      .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                      .setWorkflowIdConflictPolicy(
                          WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                      .build());
          WorkflowExecution execution =
              WorkflowClient.start(monitor::run, new DownloadMonitorInput(name, interval, 0));
          log.info(
              "Download monitor {} running (run {}), polling every {}",
              execution.getWorkflowId(),
              execution.getRunId(),
              interval);
          running.put(name, execution);
        });
    return running;
  }
}
