package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadMonitorInput;
import io.temporarr.workflows.download.DownloadMonitorWorkflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One monitor per client, however often start-up asks (a stand-in monitor that just waits). */
@Timeout(60)
class DownloadMonitorsTest {

  private TestServer.PortBoundTestServer server;
  private TestTemporal temporal;
  private WorkerFactory workers;

  @BeforeEach
  void start() {
    int port = TestTemporal.freePort();
    server = TestServer.createPortBoundServer(port, true);
    temporal = new TestTemporal("127.0.0.1:" + port);
    workers = WorkerFactory.newInstance(temporal.client);
    workers
        .newWorker(TaskQueues.MEDIA_REQUESTS)
        .registerWorkflowImplementationTypes(WaitingMonitor.class);
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    temporal.close();
    server.close();
  }

  @Test
  void startsOneMonitorPerClientWithItsIdAndPollInterval() {
    Map<String, Duration> clients = new LinkedHashMap<>();
    clients.put("qbittorrent", Duration.ofSeconds(2));
    clients.put("qbittorrent-4k", Duration.ofSeconds(30));

    Map<String, WorkflowExecution> running =
        new DownloadMonitors(temporal.client, clients).ensureRunning();

    assertThat(running).containsOnlyKeys("qbittorrent", "qbittorrent-4k");
    assertThat(running.get("qbittorrent").getWorkflowId())
        .isEqualTo(WorkflowIds.downloadMonitor("qbittorrent"));
    assertThat(running.get("qbittorrent-4k").getWorkflowId())
        .isEqualTo("download-monitor:qbittorrent-4k");
    assertThat(status(running.get("qbittorrent")))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void askingAgainKeepsTheRunningMonitor() {
    DownloadMonitors monitors =
        new DownloadMonitors(temporal.client, Map.of("qbittorrent", Duration.ofSeconds(2)));

    WorkflowExecution first = monitors.ensureRunning().get("qbittorrent");
    WorkflowExecution second = monitors.ensureRunning().get("qbittorrent");
    WorkflowExecution fromAnotherReplica =
        new DownloadMonitors(temporal.client, Map.of("qbittorrent", Duration.ofSeconds(2)))
            .ensureRunning()
            .get("qbittorrent");

    assertThat(second.getRunId()).isEqualTo(first.getRunId());
    assertThat(fromAnotherReplica.getRunId()).isEqualTo(first.getRunId());
  }

  @Test
  void aMonitorThatEndedIsStartedAgain() {
    DownloadMonitors monitors =
        new DownloadMonitors(temporal.client, Map.of("qbittorrent", Duration.ofSeconds(2)));
    WorkflowExecution first = monitors.ensureRunning().get("qbittorrent");
    temporal.client.newUntypedWorkflowStub(first.getWorkflowId()).terminate("operator test");

    WorkflowExecution second = monitors.ensureRunning().get("qbittorrent");

    assertThat(second.getRunId()).isNotEqualTo(first.getRunId());
    assertThat(status(second)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private WorkflowExecutionStatus status(WorkflowExecution execution) {
    return temporal.client.newUntypedWorkflowStub(execution.getWorkflowId()).describe().getStatus();
  }

  /** Stand-in for the real monitor: runs until terminated. */
  public static class WaitingMonitor implements DownloadMonitorWorkflow {
    @Override
    public void run(DownloadMonitorInput input) {
      Workflow.await(() -> false);
    }
  }
}
