package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporarr.gateway.events.EventSigner;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.RequestState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The whole gateway against Temporal's in-process test server, with {@link
 * FakeMediaRequestWorkflow} polling the request task queue: proves that repeated and concurrent
 * Seerr deliveries converge on one execution, and that declines, signals, queries and updates reach
 * a real workflow.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      // 50 deliveries at once are more than Seerr's production budget (20 per second).
      "temporarr.gateway.rate-limits.seerr.limit-for-period=1000"
    })
@AutoConfigureObservability(tracing = false)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public class GatewayOnTemporalTestServerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @LocalServerPort private int port;
  @Autowired private WorkflowClient client;
  @Autowired private ApplicationContext context;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService senders = Executors.newFixedThreadPool(50);

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void twoIdenticalDeliveriesLeadToOneExecution() throws Exception {
    String delivery = approval("100");

    HttpResponse<String> first = seerr(delivery);
    HttpResponse<String> second = seerr(delivery);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    JsonNode firstAnswer = json.readTree(first.body());
    JsonNode secondAnswer = json.readTree(second.body());
    assertThat(firstAnswer.path("workflowId").asText()).isEqualTo("media-request:seerr:100");
    assertThat(firstAnswer.path("alreadyExisted").asBoolean()).isFalse();
    assertThat(secondAnswer.path("alreadyExisted").asBoolean()).isTrue();
    assertThat(secondAnswer.path("runId").asText()).isEqualTo(firstAnswer.path("runId").asText());
    assertOneRun("media-request:seerr:100", firstAnswer.path("runId").asText());

    WorkflowExecutionDescription description =
        client.newUntypedWorkflowStub("media-request:seerr:100").describe();
    assertThat(description.getTypedSearchAttributes().get(SearchAttributes.REQUESTED_BY))
        .isEqualTo("alice");
    assertThat(description.getTypedSearchAttributes().get(SearchAttributes.TMDB_ID))
        .isEqualTo(693134L);
    assertThat(description.getTypedSearchAttributes().get(SearchAttributes.REQUEST_STATE))
        .isEqualTo("Active");
    assertThat(description.getMemo("title", String.class)).isEqualTo("Dune: Part Two");
    assertThat(description.getMemo("year", Integer.class)).isEqualTo(2024);
  }

  @Test
  void fiftyConcurrentDeliveriesLeadToOneExecution() throws Exception {
    String delivery = approval("101");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(
          senders.submit(
              () -> {
                go.await();
                return seerr(delivery);
              }));
    }
    go.countDown();

    List<JsonNode> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> response : sent) {
      HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(202);
      answers.add(json.readTree(answer.body()));
    }
    Set<String> runIds =
        Set.copyOf(answers.stream().map(answer -> answer.path("runId").asText()).toList());
    assertThat(answers).hasSize(50);
    assertThat(runIds).hasSize(1);
    assertThat(answers.stream().filter(answer -> !answer.path("alreadyExisted").asBoolean()))
        .hasSize(1);
    assertOneRun("media-request:seerr:101", runIds.iterator().next());
  }

  @Test
  void declineCancelsTheRequestAndALaterApprovalStartsNothing() throws Exception {
    String workflowId = "media-request:seerr:102";
    assertThat(seerr(approval("102")).statusCode()).isEqualTo(202);

    HttpResponse<String> declined = seerr(decline("102"));

    assertThat(declined.statusCode()).isEqualTo(202);
    MediaRequestResult result =
        client
            .newUntypedWorkflowStub(workflowId)
            .getResult(20, TimeUnit.SECONDS, MediaRequestResult.class);
    assertThat(result.state()).isEqualTo(RequestState.CANCELLED);

    HttpResponse<String> lateApproval = seerr(approval("102"));
    assertThat(lateApproval.statusCode()).isEqualTo(200);
    assertThat(json.readTree(lateApproval.body()).path("status").asText()).isEqualTo("ignored");
    assertThat(FakeMediaRequestWorkflow.RUNS.get(workflowId)).hasSize(1);

    // The same decline again gets the same answer: its event ID is the update ID, and the server
    // answers a known update ID with the recorded outcome.
    assertThat(seerr(decline("102")).statusCode()).isEqualTo(202);
    HttpResponse<String> neverApproved = seerr(decline("1020"));
    assertThat(neverApproved.statusCode()).isEqualTo(200);
    assertThat(json.readTree(neverApproved.body()).path("status").asText()).isEqualTo("ignored");
  }

  @Test
  void operatorSeesTheStatusAndTheValidatorsRefusal() throws Exception {
    String workflowId = "media-request:seerr:103";
    assertThat(seerr(approval("103")).statusCode()).isEqualTo(202);

    HttpResponse<String> status = operator("GET", "/api/requests/" + workflowId);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(json.readTree(status.body()).path("title").asText()).isEqualTo("Dune: Part Two");
    assertThat(json.readTree(status.body()).path("state").asText()).isEqualTo("ACTIVE");

    HttpResponse<String> retry = operator("POST", "/api/requests/" + workflowId + "/actions/retry");
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(retry.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(retry.body()).path("detail").asText())
        .isEqualTo(FakeMediaRequestWorkflow.NOT_NEEDING_ATTENTION);

    HttpResponse<String> cancel =
        operator("POST", "/api/requests/" + workflowId + "/actions/cancel");
    assertThat(cancel.statusCode()).isEqualTo(200);
    assertThat(json.readTree(cancel.body()).path("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void finishedTorrentIsSignalledToTheRunningRequest() throws Exception {
    String workflowId = "media-request:seerr:104";
    assertThat(seerr(approval("104")).statusCode()).isEqualTo(202);

    HttpResponse<String> finished =
        qbittorrent("hash=C9E15763F722F23E98A29DECDFAE341B98D53056&tags=" + workflowId);
    HttpResponse<String> unknown =
        qbittorrent("hash=c9e15763f722f23e98a29decdfae341b98d53056&tags=media-request:seerr:999");

    assertThat(finished.statusCode()).isEqualTo(202);
    assertThat(unknown.statusCode()).isEqualTo(404);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(operator("GET", "/api/requests/" + workflowId).body())
                            .path("stage")
                            .asText())
                    .isEqualTo("PROCESS"));
  }

  @Test
  void gatewayIsAClientOnlyWithDocumentedEndpointsAndFewActuatorEndpoints() throws Exception {
    assertThat(context.getBeansOfType(WorkerFactory.class)).isEmpty();

    HttpResponse<String> docs = get("/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = json.readTree(docs.body()).path("paths");
    assertThat(paths.has("/webhooks/seerr")).isTrue();
    assertThat(paths.has("/webhooks/qbittorrent")).isTrue();
    assertThat(paths.has("/api/requests/{workflowId}")).isTrue();
    assertThat(paths.has("/api/requests/{workflowId}/actions/{action}")).isTrue();
    assertThat(paths.has("/webhooks/events")).isTrue();
    assertThat(
            paths.path("/webhooks/events").path("post").path("parameters").findValuesAsText("name"))
        .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(json.readTree(docs.body()).path("components").path("securitySchemes").size())
        .isEqualTo(4);

    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
    HttpResponse<String> env = get("/actuator/env");
    assertThat(env.statusCode()).isEqualTo(404);
    assertThat(env.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void signedEventsStartSignalAndCancelARealWorkflow() throws Exception {
    String workflowId = "media-request:events:200";
    String requested =
        """
        {"id": "evt-200-requested", "type": "media.requested", "version": "1.0",
         "time": "2025-06-01T12:00:00Z", "correlationId": "corr-200",
         "data": {"source": "events", "sourceRequestId": "200", "mediaType": "movie",
                  "title": "Dune: Part Two", "year": 2024, "tmdbId": 693134}}
        """;

    HttpResponse<String> accepted = signedEvent("msg-200-a", requested);
    HttpResponse<String> redelivered = signedEvent("msg-200-b", requested);

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(json.readTree(accepted.body()).path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(redelivered.statusCode()).isEqualTo(202);
    assertThat(json.readTree(redelivered.body()).path("runId").asText())
        .isEqualTo(json.readTree(accepted.body()).path("runId").asText());
    assertOneRun(workflowId, json.readTree(accepted.body()).path("runId").asText());
    assertThat(
            client
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getMemo("correlationId", String.class))
        .isEqualTo("corr-200");

    HttpResponse<String> finished =
        signedEvent(
            "msg-200-c",
            """
            {"id": "evt-200-finished", "type": "download.finished", "version": "1.0",
             "time": "2025-06-01T13:00:00Z",
             "data": {"infoHash": "C9E15763F722F23E98A29DECDFAE341B98D53056",
                      "workflowId": "media-request:events:200"}}
            """);
    assertThat(finished.statusCode()).isEqualTo(202);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(operator("GET", "/api/requests/" + workflowId).body())
                            .path("stage")
                            .asText())
                    .isEqualTo("PROCESS"));

    HttpResponse<String> cancelled =
        signedEvent(
            "msg-200-d",
            """
            {"id": "evt-200-cancelled", "type": "media.cancelled", "version": "1.0",
             "time": "2025-06-01T14:00:00Z",
             "data": {"source": "events", "sourceRequestId": "200", "reason": "changed my mind"}}
            """);
    assertThat(cancelled.statusCode()).isEqualTo(202);
    assertThat(
            client
                .newUntypedWorkflowStub(workflowId)
                .getResult(20, TimeUnit.SECONDS, MediaRequestResult.class)
                .state())
        .isEqualTo(RequestState.CANCELLED);
  }

  private void assertOneRun(String workflowId, String runId) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(FakeMediaRequestWorkflow.RUNS.get(workflowId)).containsExactly(runId));
  }

  private static String approval(String requestId) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + requestId + "\"");
  }

  private static String decline(String requestId) {
    return fixture("seerr/movie-declined.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + requestId + "\"");
  }

  private HttpResponse<String> seerr(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/webhooks/seerr"))
            .header("Authorization", TestCredentials.SEERR)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> signedEvent(String webhookId, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/webhooks/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    EventSigner.headers(TestCredentials.EVENTS, webhookId, body)
        .forEach((name, values) -> request.header(name, values.get(0)));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> qbittorrent(String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/webhooks/qbittorrent"))
            .header("X-Temporarr-Token", TestCredentials.QBITTORRENT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operator(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + TestCredentials.OPERATOR)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Registers the contract's search attributes and polls the request queue with the fake. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class FakeRequestWorker {
    record Started(Worker worker) {}

    @Bean
    Started fakeRequestWorker(TestWorkflowEnvironment environment) {
      SearchAttributes.ALL.forEach(
          key -> environment.registerSearchAttribute(key.getName(), key.getValueType()));
      Worker worker = environment.newWorker(TaskQueues.MEDIA_REQUESTS);
      worker.registerWorkflowImplementationTypes(FakeMediaRequestWorkflow.class);
      environment.start();
      return new Started(worker);
    }
  }
}
