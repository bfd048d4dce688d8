package io.temporarr.benchmarks.worker;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.benchmarks.JvmOptions;
import io.temporarr.benchmarks.scale.ProcessStats;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestSearchAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real {@code temporal} dev server (database file) and the packaged worker jar in the sandbox
 * profile, external mode, with the production JVM option: the simulated indexer, qBittorrent, media
 * server and notifiers answer from inside the worker, downloads take {@code downloadDuration} and
 * write a 1 KB file, the monitor polls every {@code pollInterval}. Closing it stops everything it
 * started.
 */
public final class SandboxStack implements AutoCloseable {

  /** The Dockerfiles' ENTRYPOINT option: what production runs the jars with. */
  public static final List<String> PRODUCTION_JVM = List.of("-XX:MaxRAMPercentage=75");

  /** Extra JVM options of the worker, for diagnosis (e.g. a flight recording, dumped at stop). */
  static final String WORKER_JVM = "bench.worker.jvm";

  /** Request source of benchmark requests (part of their workflow IDs). */
  public static final String SOURCE = "bench";

  /** The sandbox's one download client (application-sandbox.yml). */
  public static final String DOWNLOAD_CLIENT = "qbittorrent";

  /** The sandbox's stall timeout: the timer of each download wait. */
  public static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration WORKER_START = Duration.ofMinutes(3);
  private static final int STARTERS = 8;

  private final AtomicInteger nextTmdbId = new AtomicInteger(700_000);
  private final Path dir;
  private final TemporalDevServer temporal;
  private final List<String> workerArgs = new ArrayList<>();
  private JarProcess worker;
  private int workerStops;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  private SandboxStack(Path dir, TemporalDevServer temporal) {
    this.dir = dir;
    this.temporal = temporal;
  }

  /** A fresh directory under {@code target/bench-runs} for one benchmark's files and logs. */
  public static Path runDirectory(String name) throws java.io.IOException {
    return Files.createDirectories(
            Path.of("target", "bench-runs", name + "-" + System.currentTimeMillis()))
        .toAbsolutePath();
  }

  public static SandboxStack start(
      String name, Duration downloadDuration, Duration pollInterval, List<String> extraArgs)
      throws Exception {
    Path dir = runDirectory(name);
    SandboxStack stack = new SandboxStack(dir, TemporalDevServer.start(dir.resolve("temporal")));
    try {
      List<String> args = new ArrayList<>();
      args.add("--spring.profiles.active=sandbox");
      args.add("--temporarr.temporal.mode=external");
      args.add("--spring.temporal.connection.target=" + stack.temporal.address());
      args.add("--temporarr.sandbox.download-duration=" + downloadDuration.toMillis() + "ms");
      args.add("--temporarr.sandbox.file-size=1KB");
      args.add("--temporarr.sandbox.downloads-dir=" + dir.resolve("downloads"));
      args.add("--temporarr.processing.library.movies=" + dir.resolve("library/movies"));
      args.add("--temporarr.processing.library.tv=" + dir.resolve("library/tv"));
      args.add(
          "--temporarr.download-clients."
              + DOWNLOAD_CLIENT
              + ".poll-interval="
              + pollInterval.toMillis()
              + "ms");
      args.addAll(extraArgs);
      stack.workerArgs.addAll(args);
      stack.startWorker();
      stack.stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.address()).build());
      stack.client = WorkflowClient.newInstance(stack.stubs);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  static Path workerJar() {
    return Path.of(
            System.getProperty("temporarr.worker.jar", "../worker/target/temporarr-worker.jar"))
        .toAbsolutePath();
  }

  /** The packaged gateway ({@code temporarr.gateway.jar}, set by surefire). */
  public static Path gatewayJar() {
    return Path.of(
            System.getProperty(
                "temporarr.gateway.jar", "../starter-api/target/temporarr-gateway.jar"))
        .toAbsolutePath();
  }

  public Path directory() {
    return dir;
  }

  public TemporalDevServer temporal() {
    return temporal;
  }

  public JarProcess worker() {
    return worker;
  }

  public WorkflowClient client() {
    return client;
  }

  /**
   * Starts the worker (again, after {@link #stopWorker}) with the settings it was first started
   * with; its log goes on in the same file.
   */
  public void startWorker() throws Exception {
    if (worker != null && worker.isAlive()) {
      throw new IllegalStateException("the worker is running");
    }
    worker =
        JarProcess.start(
            workerJar(),
            dir.resolve("worker.log"),
            TemporalDevServer.freePort(),
            Map.of(),
            JvmOptions.withExtra(PRODUCTION_JVM, WORKER_JVM),
            workerArgs,
            WORKER_START);
  }

  /** Stops the worker (the server keeps running), so a baseline does not share the CPU with it. */
  public void stopWorker() throws IOException, InterruptedException {
    workerStops++;
    if (System.getProperty(WORKER_JVM, "").contains("StartFlightRecording")) {
      // The worker is stopped with a kill, so a recording is never dumped at exit: dump it now.
      String name = workerStops == 1 ? "worker.jfr" : "worker-" + workerStops + ".jfr";
      ProcessStats.jcmd(worker.pid(), "JFR.dump", "filename=" + dir.resolve(name));
    }
    worker.close();
  }

  /** Base URL of the sandbox's simulated qBittorrent (served by the worker). */
  public String sandboxQbittorrentUrl() {
    return "http://127.0.0.1:" + worker.httpPort() + "/sandbox/qbittorrent";
  }

  /**
   * Starts one movie request; returns its workflow ID. Each gets its own TMDB id: the sandbox
   * indexer names releases (and so infohashes) after it, and a second request with the same id
   * would share the first one's torrent.
   */
  public String startMovie(String requestId, String title) {
    int tmdbId = nextTmdbId.incrementAndGet();
    String workflowId = WorkflowIds.mediaRequest(SOURCE, requestId);
    MediaRequestInput input = MediaRequestInput.movie(SOURCE, requestId, title, 2024, tmdbId);
    MediaRequestWorkflow request =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                // As the gateway starts a request: listable at once, nothing to upsert at first.
                .setTypedSearchAttributes(RequestSearchAttributes.atStart(input))
                .build());
    WorkflowClient.start(request::run, input);
    return workflowId;
  }

  /**
   * Starts {@code count} workflows as fast as {@value #STARTERS} threads can; {@code start} starts
   * the i-th and returns its workflow ID. IDs in index order.
   */
  public static List<String> startAll(int count, IntFunction<String> start) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    try {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        started.add(starters.submit(() -> start.apply(index)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : started) {
        ids.add(f.get(2, TimeUnit.MINUTES));
      }
      return ids;
    } finally {
      starters.shutdownNow();
    }
  }

  /** Waits until each workflow closed, returning each one's result (null for void workflows). */
  public <R> List<R> results(List<String> workflowIds, Class<R> type, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<R> results = new ArrayList<>();
    for (String id : workflowIds) {
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      results.add(client.newUntypedWorkflowStub(id).getResult(left, TimeUnit.MILLISECONDS, type));
    }
    return results;
  }

  /** The first start and last close of the (closed) workflows, by the server's clock. */
  public RunWindow window(List<String> workflowIds) {
    List<Instant> starts = new ArrayList<>();
    List<Instant> closes = new ArrayList<>();
    for (String id : workflowIds) {
      WorkflowExecutionInfo info = describe(id);
      starts.add(instant(info.getStartTime()));
      closes.add(instant(info.getCloseTime()));
    }
    return RunWindow.of(starts, closes);
  }

  public WorkflowExecutionInfo describe(String workflowId) {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo();
  }

  /** The history of the workflow's latest run. */
  public List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsList();
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  @Override
  public void close() throws Exception {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (worker != null) {
      worker.close();
    }
    temporal.close();
  }
}
