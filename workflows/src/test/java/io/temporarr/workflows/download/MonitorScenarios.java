package io.temporarr.workflows.download;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import java.time.Duration;
import java.util.List;

/**
 * Monitor runs over scripted polls, for the histories {@code HistoryGenerator} records: a
 * time-skipping environment with the monitor, {@link RecordingRequestWorkflow}s as the requests and
 * mocked download activities.
 */
public final class MonitorScenarios implements AutoCloseable {
  static final String CLIENT = "qbittorrent";
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final String HASH = "b7ad0055d7e4438403a40f066cd106481356e144";
  static final String OTHER_HASH = "2a1f7e3c9d8b6a5f4e3d2c1b0a9f8e7d6c5b4a39";

  private final TestWorkflowEnvironment env = TemporalTestSupport.newEnvironment();
  private final DownloadActivities downloads =
      mock(DownloadActivities.class, withSettings().withoutAnnotations());

  public MonitorScenarios() {
    Worker worker = env.newWorker(TaskQueues.MEDIA_REQUESTS);
    worker.registerWorkflowImplementationTypes(
        TemporalTestSupport.implementationOptions(), DownloadMonitorWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(RecordingRequestWorkflow.class);
    worker.registerActivitiesImplementations(downloads);
    env.start();
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /**
   * A download whose request changed under the one-snapshot-per-download monitor: the client first
   * reported it for r1, then for r3 (a tag that sorts first was added), then for r1 again; and a
   * second download removed and listed again. Returns the monitor's workflow ID.
   */
  public String requestChanges() {
    return run(
        List.of(
            changes(0, status(HASH, "r1", 0.1), status(OTHER_HASH, "r2", 0.3)),
            changes(1, status(HASH, "r3", 0.1)),
            changes(2, status(HASH, "r1", 0.1)),
            new DownloadChanges(4, false, List.of(), List.of(OTHER_HASH)),
            changes(4, status(OTHER_HASH, "r2", 0.3))),
        "r1",
        "r2",
        "r3");
  }

  /**
   * One download shared by two requests, one snapshot each: both told once per change, and again
   * after it was removed and listed anew. Returns the monitor's workflow ID.
   */
  public String sharedDownload() {
    return run(
        List.of(
            changes(0, status(HASH, "r1", 0.1), status(HASH, "r2", 0.1)),
            changes(1, status(HASH, "r1", 0.1), status(HASH, "r2", 0.1)),
            changes(2, status(HASH, "r1", 0.5), status(HASH, "r2", 0.5)),
            new DownloadChanges(4, false, List.of(), List.of(HASH)),
            changes(4, status(HASH, "r2", 0.5))),
        "r1",
        "r2");
  }

  /** Polls at cursor i answer {@code polls.get(i)}; later ones answer nothing new. */
  String run(List<DownloadChanges> polls, String... requests) {
    for (String request : requests) {
      startRequest(request);
    }
    when(downloads.pollDownloads(eq(CLIENT), anyLong()))
        .thenAnswer(
            call -> {
              long cursor = call.getArgument(1);
              return cursor < polls.size()
                  ? polls.get((int) cursor)
                  : new DownloadChanges(cursor + 1, false, List.of(), List.of());
            });
    String monitorId = WorkflowIds.downloadMonitor(CLIENT);
    DownloadMonitorWorkflow monitor =
        client()
            .newWorkflowStub(
                DownloadMonitorWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(monitorId)
                    .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                    .build());
    WorkflowClient.start(monitor::run, new DownloadMonitorInput(CLIENT, INTERVAL, 0));
    env.sleep(INTERVAL.multipliedBy(polls.size()).plusSeconds(30));
    verify(downloads, timeout(10_000).atLeast(polls.size() + 1))
        .pollDownloads(eq(CLIENT), anyLong());
    return monitorId;
  }

  MediaRequestWorkflow startRequest(String requestId) {
    MediaRequestWorkflow request =
        client()
            .newWorkflowStub(
                MediaRequestWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.mediaRequest("seerr", requestId))
                    .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                    .build());
    WorkflowClient.start(
        request::run, MediaRequestInput.movie("seerr", requestId, "Title", 2020, 1));
    return request;
  }

  private static DownloadChanges changes(long cursor, DownloadStatus... changed) {
    return new DownloadChanges(cursor + 1, cursor == 0, List.of(changed), List.of());
  }

  static DownloadStatus status(String hash, String requestId, double progress) {
    return new DownloadStatus(
        CLIENT,
        hash,
        WorkflowIds.mediaRequest("seerr", requestId),
        "name-" + hash.substring(0, 4),
        progress >= 1.0 ? DownloadState.COMPLETED : DownloadState.DOWNLOADING,
        progress,
        1000,
        "/downloads/name-" + hash.substring(0, 4),
        "/downloads",
        null);
  }

  @Override
  public void close() {
    env.close();
  }
}
