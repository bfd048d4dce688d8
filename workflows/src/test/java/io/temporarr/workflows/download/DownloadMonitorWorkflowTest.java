package io.temporarr.workflows.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DownloadMonitorWorkflowTest {
  private static final String CLIENT = "qbittorrent";
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final String MONITOR_ID = WorkflowIds.downloadMonitor(CLIENT);

  private final DownloadActivities downloads =
      mock(DownloadActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TemporalTestSupport.newEnvironment();
    Worker worker = env.newWorker(TaskQueues.MEDIA_REQUESTS);
    worker.registerWorkflowImplementationTypes(
        TemporalTestSupport.implementationOptions(), DownloadMonitorWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(RecordingRequestWorkflow.class);
    worker.registerActivitiesImplementations(downloads);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  @Test
  void monitorSignalsOnlyChangedRequestsAndPollsOncePerInterval() {
    MediaRequestWorkflow r1 = startRequest("r1");
    MediaRequestWorkflow r2 = startRequest("r2");
    MediaRequestWorkflow r3 = startRequest("r3");
    givenPolls(
        Map.of(
            0L,
            new DownloadChanges(
                1,
                true,
                List.of(
                    status("1", "r1", 0.1),
                    status("2", "r2", 0.1),
                    status("3", "r3", 0.5),
                    new DownloadStatus(
                        CLIENT,
                        "4",
                        null,
                        "untagged",
                        DownloadState.DOWNLOADING,
                        0.3,
                        1,
                        null,
                        null,
                        null),
                    new DownloadStatus(
                        CLIENT,
                        "5",
                        "radarr",
                        "foreign",
                        DownloadState.DOWNLOADING,
                        0.3,
                        1,
                        null,
                        null,
                        null)),
                List.of()),
            1L,
            new DownloadChanges(
                2, false, List.of(status("1", "r1", 0.2), status("2", "r2", 0.1)), List.of()),
            2L,
            new DownloadChanges(3, false, List.of(), List.of("3")),
            3L,
            new DownloadChanges(4, false, List.of(status("3", "r3", 0.5)), List.of())));

    startMonitor(0);
    env.sleep(INTERVAL.multipliedBy(3).plusSeconds(30));

    verify(downloads, timeout(10_000).times(4)).pollDownloads(eq(CLIENT), anyLong());
    InOrder polls = inOrder(downloads);
    for (long cursor = 0; cursor < 4; cursor++) {
      polls.verify(downloads).pollDownloads(CLIENT, cursor);
    }
    awaitReceived(r1, "1@0.1", "1@0.2");
    awaitReceived(r2, "2@0.1");
    // Removed from the client, then seen again: signalled again.
    awaitReceived(r3, "3@0.5", "3@0.5");
  }

  @Test
  void aDownloadTwoRequestsShareSignalsEachRequestOncePerChange() {
    MediaRequestWorkflow r1 = startRequest("r1");
    MediaRequestWorkflow r2 = startRequest("r2");
    givenPolls(
        Map.of(
            0L,
            new DownloadChanges(
                1, true, List.of(status("h", "r1", 0.1), status("h", "r2", 0.1)), List.of()),
            // Unchanged for both: remembered per request, so neither is signalled again.
            1L,
            new DownloadChanges(
                2, false, List.of(status("h", "r1", 0.1), status("h", "r2", 0.1)), List.of()),
            2L,
            new DownloadChanges(
                3, false, List.of(status("h", "r2", 0.4), status("h", "r1", 0.1)), List.of()),
            // Removed: every request's snapshot of it is forgotten.
            3L,
            new DownloadChanges(4, false, List.of(), List.of("h")),
            4L,
            new DownloadChanges(
                5, false, List.of(status("h", "r1", 0.1), status("h", "r2", 0.4)), List.of())));

    startMonitor(0);
    env.sleep(INTERVAL.multipliedBy(4).plusSeconds(30));

    verify(downloads, timeout(10_000)).pollDownloads(CLIENT, 4);
    awaitReceived(r1, "h@0.1", "h@0.1");
    awaitReceived(r2, "h@0.1", "h@0.4", "h@0.4");
    assertThat(TemporalTestSupport.versionChanges(client.fetchHistory(MONITOR_ID).getEvents()))
        .contains(DownloadMonitorWorkflowImpl.SHARED_DOWNLOADS_CHANGE);
  }

  @Test
  void monitorSurvivesPollFailuresAndSignalsToClosedWorkflows() {
    MediaRequestWorkflow live = startRequest("live");
    MediaRequestWorkflow closed = startRequest("closed");
    closed.requestAction(
        new RequestActionSignal(ActionKind.CANCEL, new OperatorAction("e", "test", null)));
    // Not getResult: with no timer pending it would let the test server skip time to the end.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> WorkflowStub.fromTyped(closed).describe().getStatus(),
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED::equals);
    when(downloads.pollDownloads(CLIENT, 0))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "qbittorrent answered HTTP 503", ErrorTypes.SERVER_ERROR))
        .thenReturn(
            new DownloadChanges(
                1,
                true,
                List.of(
                    status("l", "live", 0.7),
                    status("c", "closed", 1.0),
                    status("u", "never-started", 0.5)),
                List.of()));
    when(downloads.pollDownloads(CLIENT, 1))
        .thenReturn(new DownloadChanges(2, false, List.of(), List.of()));

    startMonitor(0);
    env.sleep(INTERVAL.multipliedBy(2).plusSeconds(30));

    verify(downloads, timeout(10_000).times(2)).pollDownloads(CLIENT, 0);
    verify(downloads, timeout(10_000)).pollDownloads(CLIENT, 1);
    awaitReceived(live, "l@0.7");
    assertThat(client.newUntypedWorkflowStub(MONITOR_ID).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void monitorContinuesAsNewCarryingTheCursor() {
    when(downloads.pollDownloads(eq(CLIENT), anyLong()))
        .thenAnswer(call -> new DownloadChanges((long) call.getArgument(1) + 1, false, null, null));
    when(downloads.removeSeeded(CLIENT))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "qbittorrent answered HTTP 503", ErrorTypes.SERVER_ERROR))
        .thenReturn(List.of("a".repeat(40)))
        .thenReturn(List.of());
    WorkflowStub monitor = startMonitor(7, Duration.ofSeconds(1));
    String firstRun = monitor.getExecution().getRunId();

    env.sleep(Duration.ofSeconds(DownloadMonitorWorkflowImpl.POLLS_PER_RUN + 5));

    verify(downloads, timeout(30_000))
        .pollDownloads(CLIENT, 7 + DownloadMonitorWorkflowImpl.POLLS_PER_RUN);
    assertThat(client.newUntypedWorkflowStub(MONITOR_ID).describe().getExecution().getRunId())
        .isNotEqualTo(firstRun);
    assertThat(
            client
                .fetchHistory(MONITOR_ID, firstRun)
                .getLastEvent()
                .hasWorkflowExecutionContinuedAsNewEventAttributes())
        .isTrue();
    verify(downloads, times(1)).pollDownloads(CLIENT, 7);
    // One seeding check every SEEDING_CHECK_EVERY polls; a failed check does not stop the monitor.
    verify(
            downloads,
            atLeast(
                DownloadMonitorWorkflowImpl.POLLS_PER_RUN
                    / DownloadMonitorWorkflowImpl.SEEDING_CHECK_EVERY))
        .removeSeeded(CLIENT);
    verify(
            downloads,
            atMost(
                DownloadMonitorWorkflowImpl.POLLS_PER_RUN
                        / DownloadMonitorWorkflowImpl.SEEDING_CHECK_EVERY
                    + 2))
        .removeSeeded(CLIENT);
  }

  @Test
  void monitorWithoutPollIntervalFailsAsConfigurationError() {
    DownloadMonitorWorkflow monitor =
        client.newWorkflowStub(
            DownloadMonitorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(MONITOR_ID)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());

    assertThatThrownBy(() -> monitor.run(new DownloadMonitorInput(CLIENT, null, 0)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            f ->
                assertThat(((ApplicationFailure) f).getType()).isEqualTo(ErrorTypes.CONFIGURATION));
  }

  // ---------------------------------------------------------------- helpers

  private void givenPolls(Map<Long, DownloadChanges> byCursor) {
    when(downloads.pollDownloads(eq(CLIENT), anyLong()))
        .thenAnswer(
            call -> {
              long cursor = call.getArgument(1);
              return byCursor.getOrDefault(
                  cursor, new DownloadChanges(cursor + 1, false, List.of(), List.of()));
            });
  }

  private WorkflowStub startMonitor(long cursor) {
    return startMonitor(cursor, INTERVAL);
  }

  private WorkflowStub startMonitor(long cursor, Duration interval) {
    DownloadMonitorWorkflow monitor =
        client.newWorkflowStub(
            DownloadMonitorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(MONITOR_ID)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());
    WorkflowClient.start(monitor::run, new DownloadMonitorInput(CLIENT, interval, cursor));
    return WorkflowStub.fromTyped(monitor);
  }

  private MediaRequestWorkflow startRequest(String requestId) {
    MediaRequestWorkflow request =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.mediaRequest("seerr", requestId))
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());
    WorkflowClient.start(
        request::run, MediaRequestInput.movie("seerr", requestId, "Title", 2020, 1));
    return request;
  }

  private static DownloadStatus status(String hash, String requestId, double progress) {
    return new DownloadStatus(
        CLIENT,
        hash,
        WorkflowIds.mediaRequest("seerr", requestId),
        "name-" + hash,
        progress >= 1.0 ? DownloadState.COMPLETED : DownloadState.DOWNLOADING,
        progress,
        1000,
        "/downloads/name-" + hash,
        "/downloads",
        null);
  }

  private static void awaitReceived(MediaRequestWorkflow request, String... expected) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(request.status().transitions())
                    .extracting(Transition::detail)
                    .containsExactly(expected));
  }
}
