package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/**
 * What the worker chaos scenarios share: the real Temporal dev server on a database file, the
 * packaged worker jar as its own process (external mode) and a notification sink that records each
 * webhook notification's event type, workflow ID and {@code Idempotency-Key}. Closing it stops
 * everything it started.
 */
final class ChaosStack implements AutoCloseable {

  /** One delivery the notification sink received. */
  record Delivery(String workflowId, String type, String idempotencyKey) {}

  private static final Duration WORKER_START = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  private final int temporalPort;
  private TemporalDevServer temporal;
  private final HttpServer sink;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<String> workerArgs;
  private final Map<String, String> workerEnv;
  private final int workerHttpPort;
  private JarProcess worker;
  private int workerGeneration;
  private boolean closed;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;

  private ChaosStack(
      Path dir,
      List<String> workerArgs,
      Map<String, String> workerEnv,
      UnaryOperator<String> notifierUrl)
      throws IOException, InterruptedException {
    this.dir = dir;
    this.temporalPort = TemporalDevServer.freePort();
    this.workerHttpPort = TemporalDevServer.freePort();
    this.workerEnv = workerEnv;
    this.temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);
    this.sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] bytes = exchange.getRequestBody().readAllBytes();
          if (path.startsWith("/webhook")) {
            JsonNode body = JSON.readTree(bytes);
            deliveries.add(
                new Delivery(
                    body.path("workflowId").asText(),
                    body.path("type").asText(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
          }
          // Jellyfin answers its library refresh with 204; the others with 200.
          exchange.sendResponseHeaders(path.startsWith("/jellyfin") ? 204 : 200, -1);
          exchange.close();
        });
    sink.start();
    List<String> args = new ArrayList<>(workerArgs);
    args.add("--temporarr.temporal.mode=external");
    args.add("--spring.temporal.connection.target=" + temporal.address());
    args.add("--temporarr.notifiers.webhook.type=webhook");
    args.add("--temporarr.notifiers.webhook.url=" + notifierUrl.apply(sinkUrl()) + "/webhook");
    this.workerArgs = List.copyOf(args);
  }

  /**
   * Starts the dev server, the sink and one worker. {@code workerArgs} are the worker's
   * command-line settings besides the Temporal connection and the webhook notifier, which point
   * here.
   */
  static ChaosStack start(String name, List<String> workerArgs, Map<String, String> workerEnv)
      throws Exception {
    return start(name, workerArgs, workerEnv, UnaryOperator.identity());
  }

  /**
   * As {@link #start(String, List, Map)}, with the worker's webhook notifier pointed at {@code
   * notifierUrl.apply(sinkUrl)} instead of the sink itself (a proxy in front of it, say).
   */
  static ChaosStack start(
      String name,
      List<String> workerArgs,
      Map<String, String> workerEnv,
      UnaryOperator<String> notifierUrl)
      throws Exception {
    Path dir =
        Files.createDirectories(Path.of("target", "chaos", name + "-" + System.currentTimeMillis()))
            .toAbsolutePath();
    ChaosStack stack = new ChaosStack(dir, workerArgs, workerEnv, notifierUrl);
    try {
      stack.startWorker();
      stack.stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.address()).build());
      stack.client =
          WorkflowClient.newInstance(stack.stubs, WorkflowClientOptions.newBuilder().build());
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * The worker settings for real services (scenarios 1 and 4): the Torznab fixture, a real
   * qbittorrent-nox, real ffprobe, a hardlink import under {@code work}, the webhook notifier, and
   * short stall and re-search times so faults show within the test's time.
   */
  static List<String> realServiceArgs(
      Path work, HttpUrl indexerUrl, String indexerApiKey, HttpUrl qbittorrentUrl) {
    return List.of(
        // Any profile but the default `sandbox`: no simulator, everything is set here.
        "--spring.profiles.active=chaos",
        "--temporarr.indexers.fixture.url=" + indexerUrl,
        "--temporarr.indexers.fixture.api-key=" + indexerApiKey,
        "--temporarr.download-clients.qbittorrent.base-url=" + qbittorrentUrl,
        "--temporarr.download-clients.qbittorrent.category=temporarr",
        "--temporarr.download-clients.qbittorrent.poll-interval=1s",
        "--temporarr.processing.ffprobe-path=" + Tools.require("ffprobe"),
        "--temporarr.processing.library.movies=" + work.resolve("library/movies"),
        "--temporarr.processing.library.tv=" + work.resolve("library/tv"),
        "--temporarr.processing.library.create-missing=true",
        "--temporarr.requests.notifiers=webhook",
        "--temporarr.requests.stall-timeout=60s",
        "--temporarr.requests.research-interval=5s");
  }

  /** The sandbox worker: simulated indexer, qBittorrent and media server inside the worker. */
  static ChaosStack sandbox(String name, Duration downloadDuration) throws Exception {
    return start(
        name,
        List.of(
            "--spring.profiles.active=sandbox",
            "--temporarr.sandbox.download-duration=" + downloadDuration.toSeconds() + "s",
            "--temporarr.processing.library.movies="
                + Path.of("target", "chaos", "library", "movies").toAbsolutePath(),
            "--temporarr.processing.library.tv="
                + Path.of("target", "chaos", "library", "tv").toAbsolutePath()),
        Map.of());
  }

  String sinkUrl() {
    return "http://127.0.0.1:" + sink.getAddress().getPort();
  }

  WorkflowClient client() {
    return client;
  }

  TemporalDevServer temporal() {
    return temporal;
  }

  JarProcess worker() {
    return worker;
  }

  synchronized void startWorker() throws Exception {
    if (closed) {
      // A killer thread outliving its test must not leave a worker behind.
      throw new IllegalStateException("the chaos stack is closed");
    }
    workerGeneration++;
    Path jar =
        Path.of(System.getProperty("temporarr.worker.jar", "target/temporarr-worker.jar"))
            .toAbsolutePath();
    worker =
        JarProcess.start(
            jar,
            dir.resolve("worker-" + workerGeneration + ".log"),
            workerHttpPort,
            workerEnv,
            workerArgs,
            WORKER_START);
  }

  /** Stops the dev server (as a crash or an upgrade would) without touching its database file. */
  void stopTemporal() {
    temporal.close();
  }

  /** Starts the dev server again on the same port from the same database file. */
  void restartTemporal() throws IOException, InterruptedException {
    temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);
  }

  MediaRequestWorkflow newRequest(String workflowId) {
    return client.newWorkflowStub(
        MediaRequestWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
            .build());
  }

  DescribeWorkflowExecutionResponse describe(String workflowId) {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build());
  }

  /**
   * A workflow that is neither closed nor waiting on something that will wake it (a pending
   * workflow task, activity, child, Nexus operation or an open timer) is stuck. Describe shows what
   * is pending; open timers are read from the history. The history is read before and after the
   * describe: a workflow that moved in between (a timer fired, an activity finished) is looked at
   * again, so a workflow passing from one wait to the next is not taken for a stuck one; one that
   * keeps moving is not stuck either.
   */
  boolean stuck(String workflowId) {
    for (int look = 0; look < 10; look++) {
      List<HistoryEvent> events = client.fetchHistory(workflowId).getHistory().getEventsList();
      if (hasOpenTimer(events)) {
        return false;
      }
      DescribeWorkflowExecutionResponse d = describe(workflowId);
      if (d.getWorkflowExecutionInfo().getStatus()
              != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          || d.hasPendingWorkflowTask()
          || d.getPendingActivitiesCount() > 0
          || d.getPendingChildrenCount() > 0
          || d.getPendingNexusOperationsCount() > 0) {
        return false;
      }
      if (client.fetchHistory(workflowId).getHistory().getEventsCount() == events.size()) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasOpenTimer(List<HistoryEvent> events) {
    Set<Long> closed = new HashSet<>();
    for (HistoryEvent e : events) {
      if (e.hasTimerFiredEventAttributes()) {
        closed.add(e.getTimerFiredEventAttributes().getStartedEventId());
      } else if (e.hasTimerCanceledEventAttributes()) {
        closed.add(e.getTimerCanceledEventAttributes().getStartedEventId());
      }
    }
    return events.stream()
        .anyMatch(e -> e.hasTimerStartedEventAttributes() && !closed.contains(e.getEventId()));
  }

  /**
   * Each workflow's final state, in the order given, waiting up to {@code timeout} for each. A
   * workflow that does not close in time fails the caller with a TimeoutException.
   */
  Map<String, RequestState> outcomes(List<String> workflowIds, Duration timeout) throws Exception {
    Map<String, RequestState> outcomes = new LinkedHashMap<>();
    for (String id : workflowIds) {
      outcomes.put(
          id,
          client
              .newUntypedWorkflowStub(id)
              .getResult(timeout.toSeconds(), TimeUnit.SECONDS, MediaRequestResult.class)
              .state());
    }
    return outcomes;
  }

  /** {@code id=STATE} for each outcome that is not {@code expected}. */
  static List<String> otherThan(Map<String, RequestState> outcomes, Set<RequestState> expected) {
    return outcomes.entrySet().stream()
        .filter(e -> !expected.contains(e.getValue()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .toList();
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /**
   * Per (workflow, event type), the distinct idempotency keys delivered: more than one is a
   * duplicate notification the receiver cannot drop.
   */
  Map<String, Set<String>> keysPerEvent() {
    Map<String, Set<String>> keys = new ConcurrentHashMap<>();
    for (Delivery d : deliveries) {
      keys.computeIfAbsent(d.workflowId() + " " + d.type(), k -> ConcurrentHashMap.newKeySet())
          .add(d.idempotencyKey());
    }
    return keys;
  }

  /** Events (per workflow and type) whose idempotency key arrived more than once in total. */
  long redeliveries() {
    return deliveries.size() - deliveries.stream().map(Delivery::idempotencyKey).distinct().count();
  }

  void assertWorkerAlive() {
    assertThat(worker.isAlive()).as("worker exited: %s", worker.tail()).isTrue();
  }

  @Override
  public synchronized void close() throws Exception {
    closed = true;
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (worker != null) {
      worker.close();
    }
    sink.stop(0);
    temporal.close();
  }
}
