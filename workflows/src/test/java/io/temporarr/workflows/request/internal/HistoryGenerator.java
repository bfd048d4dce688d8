package io.temporarr.workflows.request.internal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.MonitorScenarios;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * Records the histories {@code ReplayTest} replays (src/test/resources/histories/) and their
 * workflow IDs ({@value #INDEX}: a history does not name its own workflow, and replay needs it
 * because child IDs derive from it). Histories are append-only: an existing file is never
 * rewritten, because it stands for requests that may still be in flight when a new version is
 * deployed. After a change guarded by {@code Workflow.getVersion}, add a scenario under a new name
 * and run, from the workflows/ directory:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.temporarr.workflows.request.internal.HistoryGenerator src/test/resources/histories
 * </pre>
 */
public final class HistoryGenerator {
  static final String INDEX = "index.properties";

  private HistoryGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(dir);
    Properties index = new Properties();
    if (Files.exists(dir.resolve(INDEX))) {
      try (var in = Files.newBufferedReader(dir.resolve(INDEX))) {
        index.load(in);
      }
    }
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "movie-happy-path", t, id(Scenarios.movieHappyPath(t, "replay-1")));
    }
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = id(Scenarios.stalledThenNextRelease(t, "replay-2"));
      write(dir, index, "movie-stalled-next-release", t, id);
    }
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "tv-parent-two-seasons", t, id(Scenarios.tvTwoSeasons(t)));
      write(dir, index, "tv-season-child", t, WorkflowIds.season(Scenarios.TV_ID, 1));
    }
    // Recorded after the retire-after-import step (RETIRE_IMPORTED_CHANGE) was added.
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "movie-happy-path-retired", t, id(Scenarios.movieHappyPath(t, "replay-3")));
    }
    // Recorded before EARLY_PROGRESS_CHANGE: the snapshot that came before AddDownload's result was
    // dropped and the request confirmed the download only after the stall timeout.
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "movie-early-progress-dropped", t, earlyCompleted(t, "replay-4"));
    }
    // Recorded after it: the buffered snapshot is applied behind the version marker.
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "movie-early-progress", t, earlyCompleted(t, "replay-5"));
    }
    // Recorded after CHANGED_ATTRIBUTES_CHANGE: only changed search attributes are upserted, and a
    // request started with its attributes (as the gateway starts one) has none to write at first.
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(
          dir,
          index,
          "movie-happy-path-changed-attributes",
          t,
          id(Scenarios.movieHappyPathWithAttributes(t, "replay-6")));
    }
    try (RequestTestEnv t = new RequestTestEnv()) {
      write(dir, index, "tv-parent-changed-attributes", t, id(Scenarios.tvTwoSeasons(t)));
      write(
          dir,
          index,
          "tv-season-child-changed-attributes",
          t,
          WorkflowIds.season(Scenarios.TV_ID, 1));
    }
    // Recorded before SHARED_DOWNLOADS_CHANGE: the monitor remembered one snapshot per download,
    // so a download reported for r1, then r3, then r1 again was signalled to r1 twice.
    try (MonitorScenarios m = new MonitorScenarios()) {
      write(dir, index, "monitor-request-changes", m.client(), m.requestChanges());
    }
    // Recorded after it: one snapshot per download and request, behind the version marker.
    try (MonitorScenarios m = new MonitorScenarios()) {
      write(dir, index, "monitor-shared-download", m.client(), m.sharedDownload());
    }
    // Recorded before QUEUED_NOT_STALLED_CHANGE: the queued download was judged stalled at its
    // first check, blocklisted and removed with its files; the second release completed.
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request =
          Scenarios.heldThenCompleted(t, "replay-7", DownloadState.QUEUED, 0.0);
      write(dir, index, "movie-queued-judged-stalled", t, id(request));
    }
    // Recorded after it: the queued download is kept (version marker), checked again and completes.
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request =
          Scenarios.heldThenCompleted(t, "replay-8", DownloadState.QUEUED, 0.0);
      write(dir, index, "movie-queued-kept", t, id(request));
    }
    try (Writer out = Files.newBufferedWriter(dir.resolve(INDEX))) {
      index.store(out, "history file -> workflow ID (written by HistoryGenerator)");
    }
  }

  /** A request whose download the monitor reports complete before AddDownload returns. */
  private static String earlyCompleted(RequestTestEnv t, String requestId) {
    String workflowId = RequestTestEnv.movieId(requestId);
    MediaRequestWorkflow request =
        Scenarios.earlyProgress(
            t,
            requestId,
            List.of(
                RequestTestEnv.status(Scenarios.DUNE_A, workflowId, DownloadState.COMPLETED, 1.0)));
    RequestTestEnv.result(request);
    return workflowId;
  }

  private static String id(MediaRequestWorkflow request) {
    return WorkflowStub.fromTyped(request).getExecution().getWorkflowId();
  }

  private static void write(
      Path dir, Properties index, String name, RequestTestEnv t, String workflowId)
      throws IOException {
    write(dir, index, name, t.client, workflowId);
  }

  private static void write(
      Path dir, Properties index, String name, WorkflowClient client, String workflowId)
      throws IOException {
    Path file = dir.resolve(name + ".json");
    if (Files.exists(file)) {
      LoggerFactory.getLogger(HistoryGenerator.class).info("kept {} as recorded", file);
      return;
    }
    Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    index.setProperty(file.getFileName().toString(), workflowId);
    LoggerFactory.getLogger(HistoryGenerator.class).info("wrote {}", file);
  }
}
