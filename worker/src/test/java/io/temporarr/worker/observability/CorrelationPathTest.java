package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporarr.activities.http.CorrelationInterceptor;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.request.MediaRequestInput;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * The correlation path inside the worker, on the test server: the ID in the start's Temporal header
 * (as the gateway sends it) reaches the workflow's MDC, every activity's MDC through {@link
 * CorrelationPropagator}, and the outbound HTTP call of the activity as {@code X-Correlation-Id}.
 */
@Timeout(60)
class CorrelationPathTest {
  private static final String QUEUE = "correlation-path";

  @WorkflowInterface
  public interface CallingWorkflow {
    /** Calls {@code url} from an activity; returns the workflow thread's correlation ID. */
    @WorkflowMethod
    String run(MediaRequestInput input, String url);
  }

  @ActivityInterface
  public interface Call {
    void get(String url);
  }

  public static class CallingWorkflowImpl implements CallingWorkflow {
    private final Call call =
        Workflow.newActivityStub(
            Call.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(MediaRequestInput input, String url) {
      call.get(url);
      return MDC.get(CorrelationPropagator.MDC_KEY);
    }
  }

  /** Through the shared client, so the activities' CorrelationInterceptor adds the header. */
  static class CallImpl implements Call {
    private final OkHttpClient http = HttpClients.create();

    @Override
    public void get(String url) {
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @StartStop final MockWebServer server = new MockWebServer();
  private TestWorkflowEnvironment environment;

  @BeforeEach
  void start() {
    environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setContextPropagators(List.of(new CorrelationPropagator()))
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new ObservabilityInterceptor(new SimpleMeterRegistry()))
                        .build())
                .build());
    Worker worker = environment.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CallingWorkflowImpl.class);
    worker.registerActivitiesImplementations(new CallImpl());
    environment.start();
  }

  @AfterEach
  void stop() {
    environment.close();
    MDC.clear();
  }

  @Test
  void theHeadersIdReachesTheWorkflowAndTheActivitysOutboundCall() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    MDC.put(CorrelationPropagator.MDC_KEY, "corr-from-webhook-7");
    String inWorkflow = run("header-1", "corr-from-webhook-7");

    RecordedRequest call = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(inWorkflow).isEqualTo("corr-from-webhook-7");
    assertThat(call.getHeaders().get(CorrelationInterceptor.HEADER))
        .isEqualTo("corr-from-webhook-7");
  }

  @Test
  void theHeaderWinsOverADifferentInputField() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    MDC.put(CorrelationPropagator.MDC_KEY, "corr-header");
    String inWorkflow = run("header-2", "corr-input");

    assertThat(inWorkflow).isEqualTo("corr-header");
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("X-Correlation-Id"))
        .isEqualTo("corr-header");
  }

  @Test
  void withoutAHeaderTheInputFieldIsUsed() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), ""));

    String inWorkflow = run("no-header", "corr-input-only");

    assertThat(inWorkflow).isEqualTo("corr-input-only");
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("X-Correlation-Id"))
        .isEqualTo("corr-input-only");
  }

  private String run(String id, String inputCorrelationId) {
    MediaRequestInput input =
        MediaRequestInput.movie("events", id, "Sintel", 2010, 45745)
            .withRequester(null, inputCorrelationId, null);
    WorkflowClient client = environment.getWorkflowClient();
    CallingWorkflow workflow =
        client.newWorkflowStub(
            CallingWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
    String result = workflow.run(input, server.url("/probe").toString());
    MDC.remove(CorrelationPropagator.MDC_KEY);
    return result;
  }
}
