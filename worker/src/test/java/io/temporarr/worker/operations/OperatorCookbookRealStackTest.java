package io.temporarr.worker.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import io.temporarr.worker.TemporarrWorkerApplication;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every command of docs/operations.md, run as written (only {@code --address} added) against the
 * real {@code temporal} dev server and the worker with its sandbox simulators. Requests get stuck
 * on purpose through the sandbox indexer's fault switch (HTTP 401 → Search fails non-retryably →
 * NeedsAttention); simulated downloads take ten minutes, so a request that moves on stays visible
 * in the Download stage. The tests run in order and each leaves no request in NeedsAttention
 * behind, so a list by state sees exactly the requests a test made stuck.
 */
@Tag("real-stack")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OperatorCookbookRealStackTest {

  private static final Pattern REQUEST_ID = Pattern.compile("media-request:cookbook:[a-z0-9-]+");
  private static final String NEEDS_ATTENTION = "RequestState=\"NeedsAttention\"";

  private TemporalDevServer temporal;
  private ConfigurableApplicationContext worker;
  private WorkflowClient client;
  private String tctl;
  private URI fault;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startStack() throws Exception {
    tctl = Tools.require("tctl");
    Path work = Files.createTempDirectory("temporarr-cookbook-");
    temporal = TemporalDevServer.start(work.resolve("temporal"));
    int port = TemporalDevServer.freePort();
    fault = URI.create("http://127.0.0.1:" + port + "/sandbox/torznab/fault");
    // Command-line arguments win over application.yml; the default `sandbox` profile stays active.
    Map<String, String> settings =
        Map.of(
            "server.port", Integer.toString(port),
            "temporarr.temporal.mode", "external",
            "spring.temporal.connection.target", temporal.address(),
            "temporarr.sandbox.download-duration", "10m",
            "temporarr.sandbox.downloads-dir", work.resolve("downloads").toString(),
            "temporarr.processing.library.movies", work.resolve("library/movies").toString(),
            "temporarr.processing.library.tv", work.resolve("library/tv").toString());
    worker =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(
                settings.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    client = worker.getBean(WorkflowClient.class);
  }

  @AfterAll
  void stopStack() {
    if (worker != null) {
      worker.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  @Order(1)
  void listFiltersFindExactlyTheStuckRequestsAndDescribeShowQueryExplainThem() throws Exception {
    String alice = stuck("list-a", "alice");
    String bob = stuck("list-b", "bob");
    String downloading = start("list-ok", "carol");
    awaitCount("WorkflowId=\"" + downloading + "\" AND RequestStage=\"Download\"", 1);

    assertThat(ids(temporal.cli("workflow", "list", "--query", NEEDS_ATTENTION)))
        .containsExactlyInAnyOrder(alice, bob);
    assertThat(ids(tctl("workflow", "list", "--query", NEEDS_ATTENTION)))
        .containsExactlyInAnyOrder(alice, bob);
    assertThat(temporal.cli("workflow", "count", "--query", NEEDS_ATTENTION)).contains("2");
    assertThat(ids(temporal.cli("workflow", "list", "--query", "RequestedBy=\"alice\"")))
        .containsExactly(alice);
    // "downloading for more than a day": here "since before a minute from now"
    String cutoff =
        Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(
            ids(
                temporal.cli(
                    "workflow",
                    "list",
                    "--query",
                    "RequestStage=\"Download\" AND ExecutionStatus=\"Running\" AND StartTime < \""
                        + cutoff
                        + "\"")))
        .containsExactly(downloading);
    String weekAgo =
        Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(
            temporal.cli(
                "workflow",
                "list",
                "--query",
                "RequestState=\"Failed\" AND CloseTime > \"" + weekAgo + "\""))
        .doesNotContain("media-request:");

    assertThat(temporal.cli("workflow", "describe", "--workflow-id", alice))
        .contains(alice, "MediaRequestWorkflow", TaskQueues.MEDIA_REQUESTS, "NeedsAttention");
    assertThat(tctl("workflow", "describe", "--workflow_id", alice))
        .contains(alice, "MediaRequestWorkflow", TaskQueues.MEDIA_REQUESTS);
    assertThat(temporal.cli("workflow", "show", "--workflow-id", alice))
        .contains("WorkflowExecutionStarted", "UpsertWorkflowSearchAttributes");
    assertThat(tctl("workflow", "show", "--workflow_id", alice))
        .contains("WorkflowExecutionStarted", "UpsertWorkflowSearchAttributes");
    assertThat(temporal.cli("workflow", "query", "--workflow-id", alice, "--name", "status"))
        .contains("NEEDS_ATTENTION", "SEARCH", "Unauthorized");
    assertThat(tctl("workflow", "query", "--workflow_id", alice, "--query_type", "status"))
        .contains("NEEDS_ATTENTION", "SEARCH", "Unauthorized");

    // leave nothing stuck for the next test (terminate would keep RequestState as it was)
    for (String id : List.of(alice, bob)) {
      client
          .newWorkflowStub(MediaRequestWorkflow.class, id)
          .cancel(new OperatorAction("cleanup-" + id, "test", "cleanup"));
    }
    awaitCount(NEEDS_ATTENTION, 0);
  }

  @Test
  @Order(2)
  void retrySkipReleaseAndCancelActOnOneRequestInBothForms() throws Exception {
    String first = stuck("act-1", "alice");
    String second = stuck("act-2", "alice");

    String retried =
        temporal.cli(
            "workflow",
            "update",
            "execute",
            "--workflow-id",
            first,
            "--name",
            "retry",
            "--input",
            "{\"eventId\":\"op-retry-1\",\"actor\":\"alice\",\"reason\":\"indexer key fixed\"}");
    assertThat(retried).contains("ACTIVE");
    tctl(
        "workflow",
        "signal",
        "--workflow_id",
        second,
        "--name",
        "requestAction",
        "--input",
        "{\"kind\":\"RETRY\",\"action\":{\"eventId\":\"op-retry-2\",\"actor\":\"alice\","
            + "\"reason\":\"indexer key fixed\"}}");
    awaitCount(
        "WorkflowId IN (\""
            + first
            + "\",\""
            + second
            + "\") AND RequestState=\"Active\""
            + " AND RequestStage=\"Download\"",
        2);

    temporal.cli(
        "workflow",
        "update",
        "execute",
        "--workflow-id",
        first,
        "--name",
        "skipRelease",
        "--input",
        "{\"eventId\":\"op-skip-1\",\"actor\":\"alice\",\"reason\":\"fake release\"}");
    tctl(
        "workflow",
        "signal",
        "--workflow_id",
        second,
        "--name",
        "requestAction",
        "--input",
        "{\"kind\":\"SKIP_RELEASE\",\"action\":{\"eventId\":\"op-skip-2\",\"actor\":\"alice\","
            + "\"reason\":\"fake release\"}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(status(first).blocklist()).hasSize(1);
              assertThat(status(second).blocklist()).hasSize(1);
            });

    temporal.cli(
        "workflow",
        "update",
        "execute",
        "--workflow-id",
        first,
        "--name",
        "cancel",
        "--input",
        "{\"eventId\":\"op-cancel-1\",\"actor\":\"alice\",\"reason\":\"no longer wanted\"}");
    tctl(
        "workflow",
        "signal",
        "--workflow_id",
        second,
        "--name",
        "requestAction",
        "--input",
        "{\"kind\":\"CANCEL\",\"action\":{\"eventId\":\"op-cancel-2\",\"actor\":\"alice\","
            + "\"reason\":\"no longer wanted\"}}");
    awaitCount(
        "WorkflowId IN (\"" + first + "\",\"" + second + "\") AND RequestState=\"Cancelled\"", 2);
  }

  @Test
  @Order(3)
  void batchSignalByQueryRetriesEveryStuckRequestInBothForms() throws Exception {
    List<String> firstBatch = List.of(stuck("batch-1", "ops"), stuck("batch-2", "ops"));
    temporal.cli(
        "workflow",
        "signal",
        "--query",
        NEEDS_ATTENTION,
        "--name",
        "requestAction",
        "--input",
        "{\"kind\":\"RETRY\",\"action\":{\"eventId\":\"batch-retry-1\",\"actor\":\"ops\","
            + "\"reason\":\"indexer back\"}}",
        "--reason",
        "indexer back",
        "--yes");
    awaitCount(NEEDS_ATTENTION, 0);
    awaitCount(inDownload(firstBatch), firstBatch.size());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(temporal.cli("batch", "list")).contains("Completed"));

    List<String> secondBatch = List.of(stuck("batch-3", "ops"), stuck("batch-4", "ops"));
    // tctl wraps --input in a JSON string for a batch; RequestActionSignal reads that form too.
    tctl(
        "workflow",
        "signal",
        "--query",
        NEEDS_ATTENTION,
        "--name",
        "requestAction",
        "--input",
        "{\"kind\":\"RETRY\",\"action\":{\"eventId\":\"batch-retry-2\",\"actor\":\"ops\","
            + "\"reason\":\"indexer back\"}}",
        "--reason",
        "indexer back",
        "--yes");
    awaitCount(NEEDS_ATTENTION, 0);
    awaitCount(inDownload(secondBatch), secondBatch.size());
  }

  @Test
  @Order(4)
  void resetToTheLastWorkflowTaskStartsANewRunInBothForms() throws Exception {
    String first = start("reset-1", "ops");
    String second = start("reset-2", "ops");
    awaitCount(inDownload(List.of(first, second)), 2);
    String firstRun = runId(first);
    String secondRun = runId(second);

    temporal.cli(
        "workflow",
        "reset",
        "--workflow-id",
        first,
        "--type",
        "LastWorkflowTask",
        "--reason",
        "bad deploy fixed");
    tctl(
        "workflow",
        "reset",
        "--workflow_id",
        second,
        "--reset_type",
        "LastWorkflowTask",
        "--reason",
        "bad deploy fixed");

    assertThat(runId(first)).isNotEqualTo(firstRun);
    assertThat(runId(second)).isNotEqualTo(secondRun);
    awaitCount("WorkflowId=\"" + first + "\" AND ExecutionStatus=\"Terminated\"", 1);
    awaitCount(inDownload(List.of(first, second)), 2);
  }

  @Test
  @Order(5)
  void terminateEndsARequestAtOnceInBothForms() throws Exception {
    String first = start("term-1", "ops");
    String second = start("term-2", "ops");

    temporal.cli("workflow", "terminate", "--workflow-id", first, "--reason", "duplicate request");
    tctl("workflow", "terminate", "--workflow_id", second, "--reason", "duplicate request");

    awaitCount(
        "WorkflowId IN (\"" + first + "\",\"" + second + "\") AND ExecutionStatus=\"Terminated\"",
        2);
  }

  @Test
  @Order(6)
  void badDeployRunbookFindsTheWorkersRequestsAndPollers() throws Exception {
    String running = start("deploy-1", "ops");
    awaitCount(inDownload(List.of(running)), 1);

    assertThat(
            temporal.cli(
                "workflow",
                "list",
                "--query",
                "TaskQueue=\"media-requests\" AND ExecutionStatus=\"Running\""))
        .contains(running);
    assertThat(temporal.cli("task-queue", "describe", "--task-queue", "media-requests"))
        .contains("workflow", "activity");
    assertThat(tctl("taskqueue", "describe", "--taskqueue", "media-requests"))
        .containsIgnoringCase("identity");
  }

  // ---- helpers

  private String stuck(String id, String requester) throws Exception {
    setFault(true);
    try {
      String workflowId = start(id, requester);
      awaitCount("WorkflowId=\"" + workflowId + "\" AND " + NEEDS_ATTENTION, 1);
      return workflowId;
    } finally {
      setFault(false);
    }
  }

  private String start(String id, String requester) {
    String workflowId = WorkflowIds.mediaRequest("cookbook", id);
    MediaRequestWorkflow stub =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());
    WorkflowClient.start(
        stub::run,
        MediaRequestInput.movie("cookbook", id, "Cookbook Movie " + id, 2024, 1000)
            .withRequester(requester, "corr-" + id, "evt-" + id));
    return workflowId;
  }

  private void setFault(boolean on) throws IOException, InterruptedException {
    HttpRequest request =
        on
            ? HttpRequest.newBuilder(URI.create(fault + "?status=401"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build()
            : HttpRequest.newBuilder(fault).DELETE().build();
    assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(204);
  }

  private void awaitCount(String query, long expected) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> client.countWorkflows(query).getCount() == expected);
  }

  private static String inDownload(List<String> ids) {
    return "WorkflowId IN (\""
        + String.join("\",\"", ids)
        + "\") AND RequestState=\"Active\" AND RequestStage=\"Download\""
        + " AND ExecutionStatus=\"Running\"";
  }

  private RequestStatus status(String workflowId) {
    return client.newWorkflowStub(MediaRequestWorkflow.class, workflowId).status();
  }

  private String runId(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }

  private String tctl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tctl, "--address", temporal.address()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tctl finished").isTrue();
    assertThat(p.exitValue()).as("tctl %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  private static Set<String> ids(String output) {
    Set<String> ids = new TreeSet<>();
    Matcher m = REQUEST_ID.matcher(output);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }
}
