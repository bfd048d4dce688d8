package io.temporarr.worker.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The Temporal Web UI of a real dev server (started here with the UI, unlike the headless fixture)
 * lists a request filtered by the custom search attribute {@code RequestState}, as rendered by a
 * real headless Chromium. The screenshot lands in {@code target/webui-needs-attention.png}, a CI
 * artifact. No worker is needed: the request is started with its search attributes set, which is
 * all the list page reads.
 */
@Tag("real-stack")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WebUiNeedsAttentionRealStackTest {

  private static final String STUCK_ID = WorkflowIds.mediaRequest("webui", "stuck-1");
  private static final String ACTIVE_ID = WorkflowIds.mediaRequest("webui", "active-1");

  private Path work;
  private Process server;
  private int uiPort;
  private WorkflowServiceStubs service;

  @BeforeAll
  void startServerWithUi() throws Exception {
    String temporal = Tools.require("temporal");
    Tools.require("chromium");
    work = Files.createTempDirectory("temporarr-webui-");
    int port = TemporalDevServer.freePort();
    uiPort = TemporalDevServer.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                temporal,
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--http-port",
                Integer.toString(TemporalDevServer.freePort()),
                "--metrics-port",
                Integer.toString(TemporalDevServer.freePort()),
                "--db-filename",
                work.resolve("temporal.db").toString(),
                "--log-level",
                "warn"));
    io.temporarr.workflows.common.SearchAttributes.ALL.forEach(
        key ->
            command.addAll(
                List.of(
                    "--search-attribute",
                    key.getName()
                        + "="
                        + io.temporarr.workflows.common.SearchAttributes.typeName(key))));
    server =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("temporal.log").toFile())
            .start();
    await().atMost(Duration.ofSeconds(60)).until(() -> listening(port) && listening(uiPort));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    WorkflowClient client =
        WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().build());
    start(client, STUCK_ID, "NeedsAttention");
    start(client, ACTIVE_ID, "Active");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.countWorkflows("RequestState=\"NeedsAttention\"").getCount() == 1);
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (service != null) {
      service.shutdownNow();
    }
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void listPageFilteredByRequestStateShowsOnlyTheStuckRequest() throws Exception {
    String url =
        "http://127.0.0.1:"
            + uiPort
            + "/namespaces/default/workflows?query=RequestState%3D%22NeedsAttention%22";

    String dom = chromium("--dump-dom", url);
    assertThat(dom).contains(STUCK_ID).doesNotContain(ACTIVE_ID);

    Path png = Path.of("target", "webui-needs-attention.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium("--window-size=1400,900", "--screenshot=" + png, url);
    assertThat(png).exists();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("a rendered page, not a blank image").isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private static void start(WorkflowClient client, String workflowId, String state) {
    MediaRequestWorkflow stub =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(io.temporarr.workflows.common.SearchAttributes.REQUEST_STATE, state)
                        .set(io.temporarr.workflows.common.SearchAttributes.REQUEST_STAGE, "Search")
                        .build())
                .build());
    WorkflowClient.start(
        stub::run, MediaRequestInput.movie("webui", workflowId, "Web UI Movie", 2024, 4711));
    assertThat(client.newUntypedWorkflowStub(workflowId).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  /** Runs headless Chromium with a fresh profile; the UI renders client-side, so give it time. */
  private String chromium(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Tools.require("chromium"),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium-"),
                "--virtual-time-budget=15000"));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(work, "chromium-", ".log");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium: %s", Files.readString(err)).isZero();
    return out;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
