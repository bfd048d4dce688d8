package io.temporarr.benchmarks.polling;

import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.benchmarks.DevServerDatabase;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
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
import mockwebserver3.MockWebServer;

/**
 * The polling and scale benchmarks' stack: a real Temporal dev server on a database file, the
 * counting {@link FakeQbittorrent} in this JVM, and the packaged worker jar in external mode
 * (sandbox profile for the indexer, notifiers and media server, which live in the worker) with its
 * download client pointed at the fake. Closing it stops everything it started.
 */
public final class BenchStack implements AutoCloseable {

  private static final Duration WORKER_START = Duration.ofSeconds(180);

  private final Path dir;
  private final TemporalDevServer temporal;
  private final FakeQbittorrent qbittorrent = new FakeQbittorrent();
  private final MockWebServer qbittorrentServer = new MockWebServer();
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private JarProcess worker;

  private final DevServerDatabase database;

  private BenchStack(Path dir, DevServerDatabase database) throws Exception {
    this.dir = dir;
    this.database = database;
    this.temporal = TemporalDevServer.start(database.directory());
  }

  /**
   * Starts everything.
   *
   * @param pollInterval the download monitor's interval ({@code
   *     temporarr.download-clients.qbittorrent.poll-interval})
   * @param jvmOptions the worker's JVM options
   * @param extraArgs further worker settings
   * @param temporalOnTmpfs the dev server's database file on tmpfs instead of the disk
   */
  public static BenchStack start(
      String name,
      Duration pollInterval,
      List<String> jvmOptions,
      List<String> extraArgs,
      boolean temporalOnTmpfs)
      throws Exception {
    Path dir =
        Files.createDirectories(
                Path.of("target", "bench-runs", name + "-" + System.currentTimeMillis()))
            .toAbsolutePath();
    BenchStack stack = new BenchStack(dir, DevServerDatabase.in(dir, temporalOnTmpfs));
    try {
      stack.qbittorrentServer.setDispatcher(stack.qbittorrent);
      stack.qbittorrentServer.start(java.net.InetAddress.getLoopbackAddress(), 0);
      stack.stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.address()).build());
      stack.client =
          WorkflowClient.newInstance(stack.stubs, WorkflowClientOptions.newBuilder().build());
      List<String> args = new ArrayList<>();
      args.add("--spring.profiles.active=sandbox");
      args.add("--temporarr.temporal.mode=external");
      args.add("--spring.temporal.connection.target=" + stack.temporal.address());
      // 127.0.0.1, not the server's "localhost": the worker must not try ::1 first.
      args.add(
          "--temporarr.download-clients.qbittorrent.base-url=http://127.0.0.1:"
              + stack.qbittorrentServer.getPort()
              + "/");
      args.add(
          "--temporarr.download-clients.qbittorrent.poll-interval="
              + pollInterval.toMillis()
              + "ms");
      // No per-request status check inside the window: a request asks the client itself only on a
      // signal or after the stall timeout without progress.
      args.add("--temporarr.requests.stall-timeout=6h");
      args.add("--temporarr.processing.library.movies=" + dir.resolve("library/movies"));
      args.add("--temporarr.processing.library.tv=" + dir.resolve("library/tv"));
      args.add("--logging.level.io.temporal=WARN");
      args.addAll(extraArgs);
      Path jar =
          Path.of(System.getProperty("temporarr.worker.jar", "target/temporarr-worker.jar"))
              .toAbsolutePath();
      stack.worker =
          JarProcess.start(
              jar,
              dir.resolve("worker.log"),
              TemporalDevServer.freePort(),
              Map.of(),
              jvmOptions,
              args,
              WORKER_START);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  public FakeQbittorrent qbittorrent() {
    return qbittorrent;
  }

  public WorkflowClient client() {
    return client;
  }

  public TemporalDevServer temporal() {
    return temporal;
  }

  public JarProcess worker() {
    return worker;
  }

  public Path directory() {
    return dir;
  }

  /** The workflow ID of benchmark request {@code i}. */
  public static String requestId(String prefix, int i) {
    return WorkflowIds.mediaRequest("bench", prefix + "-" + i);
  }

  /**
   * Starts requests {@code from} (inclusive) to {@code to} (exclusive), each a movie with its own
   * title (the sandbox indexer derives the infohash from the title, so each gets its own torrent),
   * with {@code parallelism} concurrent start calls. Returns how long the starts took.
   */
  public Duration startRequests(String prefix, int from, int to, int parallelism) throws Exception {
    Instant began = Instant.now();
    ExecutorService starters = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = from; i < to; i++) {
        int n = i;
        started.add(
            starters.submit(
                () -> {
                  MediaRequestWorkflow request =
                      client.newWorkflowStub(
                          MediaRequestWorkflow.class,
                          WorkflowOptions.newBuilder()
                              .setWorkflowId(requestId(prefix, n))
                              .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                              .build());
                  WorkflowClient.start(
                      request::run,
                      MediaRequestInput.movie(
                          "bench",
                          prefix + "-" + n,
                          "Bench " + prefix + " Movie " + n,
                          2020,
                          100_000 + n));
                }));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } finally {
      starters.shutdownNow();
    }
    return Duration.between(began, Instant.now());
  }

  /** The dev server's database directory (see {@link DevServerDatabase}). */
  public Path temporalDirectory() {
    return database.directory();
  }

  /** Open executions matching a visibility query, e.g. {@code RequestStage = 'Download'}. */
  public long count(String query) {
    return stubs
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setQuery(query)
                .build())
        .getCount();
  }

  @Override
  public void close() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    qbittorrentServer.close();
    temporal.close();
    database.close();
  }
}
