package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporarr.worker.temporal.TemporalStartup;
import io.temporarr.workflows.common.MetricNames;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded sandbox with distinctive secrets, a minimum seeder count that rejects one sandbox
 * release per search, and a short needs-attention timeout: requests run end to end, then the
 * business metrics are scraped from {@code /actuator/prometheus} and the logs and histories are
 * searched for the secrets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// Metrics export (the prometheus endpoint) is off in tests unless asked for.
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
// Metrics first: the SDK reports workflow counters on an interval, so a request finished just
// before the first scrape could still land in the measured difference.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ObservabilityEndToEndTest {

  private static final Path SANDBOX;
  private static final int SERVER_PORT = freePort();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String INDEXER_KEY = "idxkey-7Hq2-SECRET";
  private static final String QBITTORRENT_PASSWORD = "qbtpass-Zr81-SECRET";
  private static final String JELLYFIN_KEY = "jfkey-Lp44-SECRET";
  private static final String NTFY_TOKEN = "tk_ntfy-Wd90-SECRET";

  static {
    try {
      SANDBOX = Files.createTempDirectory("temporarr-observability-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> SERVER_PORT);
    registry.add("temporarr.temporal.embedded.port", () -> 0);
    registry.add("temporarr.sandbox.downloads-dir", () -> SANDBOX.resolve("downloads").toString());
    registry.add("temporarr.sandbox.download-duration", () -> "2s");
    registry.add(
        "temporarr.processing.library.movies", () -> SANDBOX.resolve("library/movies").toString());
    registry.add("temporarr.processing.library.tv", () -> SANDBOX.resolve("library/tv").toString());
    // The sandbox's 2160p release has 35 seeders: rejected, so rejections are counted.
    registry.add("temporarr.release.min-seeders", () -> 50);
    registry.add("temporarr.requests.needs-attention-timeout", () -> "2s");
    registry.add("temporarr.indexers.sandbox.api-key", () -> INDEXER_KEY);
    registry.add("temporarr.sandbox.api-key", () -> INDEXER_KEY);
    registry.add("temporarr.download-clients.qbittorrent.password", () -> QBITTORRENT_PASSWORD);
    registry.add("temporarr.sandbox.username", () -> "admin");
    registry.add("temporarr.sandbox.password", () -> QBITTORRENT_PASSWORD);
    registry.add("temporarr.jellyfin.api-key", () -> JELLYFIN_KEY);
    registry.add("temporarr.sandbox.jellyfin-token", () -> JELLYFIN_KEY);
    registry.add("temporarr.notifiers.ntfy.token", () -> NTFY_TOKEN);
  }

  @Autowired WorkflowClient client;
  @Autowired TemporalStartup startup;

  @BeforeEach
  void waitForStartUp() throws Exception {
    startup.ready().get(60, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void businessMetricsCountACompletedAndAFailedRequest() throws Exception {
    Metrics before = scrape();

    MediaRequestResult completed =
        run(MediaRequestInput.movie("events", "metrics-ok", "Sintel", 2010, 45745));
    // No ids: the sandbox indexer sees the title, and "[fail]" makes it answer 401.
    MediaRequestResult failed =
        run(MediaRequestInput.movie("events", "metrics-fail", "Broken [fail]", 2001, null));

    assertThat(completed.state()).isEqualTo(RequestState.COMPLETED);
    assertThat(failed.state()).isEqualTo(RequestState.FAILED);
    String finished = MetricNames.REQUESTS_FINISHED + "_total";
    String transitions = MetricNames.REQUEST_TRANSITIONS + "_total";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Metrics now = scrape();
              assertThat(now.delta(before, finished, "state", "Completed")).isEqualTo(1);
              assertThat(now.delta(before, finished, "state", "Failed")).isEqualTo(1);
              assertThat(now.delta(before, transitions, "state", "NeedsAttention")).isEqualTo(1);
              assertThat(now.delta(before, transitions, "cause", "needs-attention-timeout"))
                  .isEqualTo(1);
              assertThat(
                      now.delta(
                          before,
                          MetricNames.RELEASES_REJECTED + "_total",
                          "reason",
                          "min-seeders"))
                  .isPositive();
              assertThat(
                      now.delta(
                          before,
                          MetricNames.ACTIVITY_FAILURES + "_total",
                          "activity_type",
                          "Search",
                          "error_type",
                          "Unauthorized",
                          "retryable",
                          "false"))
                  .isEqualTo(1);
              assertThat(
                      now.delta(
                          before, MetricNames.STAGE_DURATION + "_seconds_count", "stage", "Search"))
                  .isGreaterThanOrEqualTo(2);
              assertThat(now.delta(before, MetricNames.REQUEST_TO_AVAILABLE + "_seconds_count"))
                  .isEqualTo(1);
            });
    assertThat(scrape().text())
        .as("histogram buckets for the latency panels; no IDs or titles in tags")
        .contains(MetricNames.STAGE_DURATION + "_seconds_bucket")
        .contains(MonitoringFilesTest.SDK_ACTIVITY_SCHEDULE_TO_START + "_seconds_bucket")
        .contains(MonitoringFilesTest.SDK_WORKFLOW_TASK_SCHEDULE_TO_START + "_seconds_bucket")
        .doesNotContain("metrics-ok")
        .doesNotContain("Sintel");
  }

  @Test
  @Order(2)
  void configuredSecretsNeverAppearInLogsOrHistories(CapturedOutput output) throws Exception {
    MediaRequestResult result =
        run(MediaRequestInput.movie("events", "secrets-1", "Tears of Steel", 2012, 133701));

    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    String history = client.fetchHistory(result.workflowId()).toJson(true);
    String monitor = client.fetchHistory(WorkflowIds.downloadMonitor("qbittorrent")).toJson(true);
    assertThat(output.getAll()).as("logs").contains(result.workflowId());
    for (String secret : List.of(INDEXER_KEY, QBITTORRENT_PASSWORD, JELLYFIN_KEY, NTFY_TOKEN)) {
      assertThat(output.getAll()).as("logs").doesNotContain(secret);
      assertThat(history).as("request history").doesNotContain(secret);
      assertThat(monitor).as("monitor history").doesNotContain(secret);
    }
  }

  private MediaRequestResult run(MediaRequestInput input) throws Exception {
    MediaRequestWorkflow request =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.mediaRequest(input.source(), input.sourceRequestId()))
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());
    WorkflowClient.start(request::run, input);
    return WorkflowStub.fromTyped(request)
        .getResult(120, TimeUnit.SECONDS, MediaRequestResult.class);
  }

  private Metrics scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + SERVER_PORT + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new Metrics(response.body());
  }

  /** The Prometheus text format, summed over the series that carry the given labels. */
  private record Metrics(String text) {

    double sum(String name, String... labels) {
      double total = 0;
      for (String line : text.split("\n")) {
        if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
          continue;
        }
        boolean matches = true;
        for (int i = 0; i < labels.length; i += 2) {
          matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
        }
        if (matches) {
          total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return total;
    }

    double delta(Metrics before, String name, String... labels) {
      return sum(name, labels) - before.sum(name, labels);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
