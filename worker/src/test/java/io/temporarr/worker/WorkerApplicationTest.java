package io.temporarr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporarr.worker.temporal.DownloadMonitors;
import io.temporarr.worker.temporal.EmbeddedTemporalServer;
import io.temporarr.worker.temporal.SearchAttributeRegistrar;
import io.temporarr.worker.temporal.TemporalStartup;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadMonitorWorkflow;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default as shipped (application.yml), on free ports and a temporary library: every
 * workflow and activity registers, the shared monitor runs once, and a movie request reaches
 * Completed through the sandbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// Metrics export (the prometheus endpoint) is off in tests unless asked for.
@AutoConfigureObservability
@Timeout(180)
class WorkerApplicationTest {

  private static final Path SANDBOX = SandboxTestApp.temporaryFolder("temporarr-worker-test");
  // Chosen once: a DynamicPropertySource supplier runs on every read of the property.
  private static final int SERVER_PORT = SandboxTestApp.freePort();
  private static final int OFFLINE_PORT = SandboxTestApp.freePort();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void freePortsAndTemporaryFolders(DynamicPropertyRegistry registry) {
    SandboxTestApp.register(registry, SERVER_PORT, SANDBOX, "3s");
    // Configured but down (and used by no request): must show in health, not stop the worker.
    registry.add("temporarr.notifiers.offline.type", () -> "webhook");
    registry.add(
        "temporarr.notifiers.offline.url", () -> "http://127.0.0.1:" + OFFLINE_PORT + "/hook");
  }

  @Autowired WorkflowClient client;
  @Autowired WorkersTemplate workers;
  @Autowired TemporalStartup startup;
  @Autowired DownloadMonitors monitors;
  @Autowired EmbeddedTemporalServer embedded;

  @Value("${local.server.port}")
  int port;

  @BeforeEach
  void waitForStartUp() throws Exception {
    startup.ready().get(60, TimeUnit.SECONDS);
  }

  @Test
  void withoutATracingEndpointNoTracerExporterOrTracingInterceptorExists(
      @Autowired org.springframework.context.ApplicationContext context) {
    for (Class<?> type :
        List.of(
            io.opentelemetry.api.OpenTelemetry.class,
            io.opentelemetry.sdk.trace.SdkTracerProvider.class,
            io.opentracing.Tracer.class,
            io.temporal.opentracing.OpenTracingWorkerInterceptor.class,
            io.temporal.opentracing.OpenTracingClientInterceptor.class)) {
      assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
    }
  }

  @Test
  void bothWorkflowsAndEveryActivityTypeAreRegisteredOnTheMediaRequestsQueue() {
    WorkersTemplate.RegisteredInfo registered =
        workers.getRegisteredInfo().get(TaskQueues.MEDIA_REQUESTS);

    Set<String> workflowTypes = new HashSet<>();
    registered
        .getRegisteredWorkflowInfo()
        .forEach(
            info ->
                info.getMetadata().getWorkflowInterfaces().stream()
                    .map(POJOWorkflowInterfaceMetadata::getWorkflowType)
                    .forEach(type -> type.ifPresent(workflowTypes::add)));
    assertThat(workflowTypes)
        .containsExactlyInAnyOrder(
            MediaRequestWorkflow.class.getSimpleName(),
            DownloadMonitorWorkflow.class.getSimpleName());

    Set<String> activityTypes = new HashSet<>();
    registered
        .getRegisteredActivityInfo()
        .forEach(
            info ->
                info.getMetadata().getActivityMethods().stream()
                    .map(POJOActivityMethodMetadata::getActivityTypeName)
                    .forEach(activityTypes::add));
    assertThat(activityTypes).isEqualTo(ActivityTypes.ALL);
  }

  @Test
  void theEmbeddedServerHasEveryContractSearchAttribute() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(embedded.target())
                .validateAndBuildWithDefaults());
    try {
      assertThat(
              new SearchAttributeRegistrar(operator, client.getOptions().getNamespace())
                  .registerMissing(SearchAttributes.ALL))
          .as("nothing left to register")
          .isEmpty();
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void oneDownloadMonitorRunsPerClientAndStartingAgainKeepsIt() {
    WorkflowStub monitor =
        client.newUntypedWorkflowStub(WorkflowIds.downloadMonitor("qbittorrent"));
    String runId = monitor.describe().getExecution().getRunId();
    assertThat(monitor.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    WorkflowExecution again = monitors.ensureRunning().get("qbittorrent");

    assertThat(again.getRunId()).isEqualTo(runId);
  }

  @Test
  void aMovieRequestReachesCompletedThroughTheSandbox() throws Exception {
    String workflowId = WorkflowIds.mediaRequest("events", "worker-test-1");
    MediaRequestWorkflow request =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());

    WorkflowClient.start(
        request::run,
        MediaRequestInput.movie("events", "worker-test-1", "Big Buck Bunny", 2008, 10378));
    MediaRequestResult result =
        WorkflowStub.fromTyped(request).getResult(150, TimeUnit.SECONDS, MediaRequestResult.class);

    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    assertThat(result.workflowId()).isEqualTo(workflowId);
    assertThat(result.importedFiles()).isNotEmpty();
    for (String file : result.importedFiles()) {
      assertThat(Path.of(file)).exists().startsWith(SANDBOX.resolve("library/movies"));
    }
    try (Stream<Path> library = Files.walk(SANDBOX.resolve("library/movies"))) {
      assertThat(library.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .anySatisfy(name -> assertThat(name).startsWith("Big Buck Bunny (2008)"));
    }
    assertThat(get("/sandbox/notifications").body()).contains(workflowId);
  }

  @Test
  void aConfiguredServiceThatIsDownDegradesHealthButKeepsTheWorkerServing() throws Exception {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/actuator/health").body().contains("\"DEGRADED\""));
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"integrations\"")
        .contains("\"temporarr.notifiers.offline\"")
        .contains("\"reachable\":false")
        .contains("\"temporarr.download-clients.qbittorrent\"")
        .doesNotContain("/hook");
    assertThat(get("/actuator/prometheus").body())
        .contains(
            "temporarr_integration_reachable{integration=\"temporarr.notifiers.offline\"} 0.0")
        .contains(
            "temporarr_integration_reachable{integration=\"temporarr.download-clients.qbittorrent\"}"
                + " 1.0");
  }

  @Test
  void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"temporal\"").contains("\"status\":\"UP\"");
    assertThat(get("/actuator/info").statusCode()).as("info").isEqualTo(200);
    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).as("prometheus").isEqualTo(200);
    assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    for (String hidden : List.of("env", "configprops", "beans", "heapdump", "loggers")) {
      assertThat(get("/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
