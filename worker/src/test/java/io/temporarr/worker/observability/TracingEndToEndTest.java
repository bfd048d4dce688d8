package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporarr.worker.SandboxTestApp;
import io.temporarr.worker.temporal.TemporalStartup;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as shipped, with {@code temporarr.tracing.otlp.endpoint} pointing at an in-process
 * OTLP/HTTP receiver: a sandbox request runs to Completed, and the exported spans (decoded from the
 * protobuf body) cover the client's start, the workflow run and its activities in one trace, each
 * tagged with the request's correlation ID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Timeout(180)
class TracingEndToEndTest {

  private static final Path SANDBOX = SandboxTestApp.temporaryFolder("temporarr-tracing-test");
  private static final int SERVER_PORT = SandboxTestApp.freePort();
  private static final MockWebServer COLLECTOR = new MockWebServer();
  private static final List<RecordedRequest> EXPORTS = new CopyOnWriteArrayList<>();

  static {
    try {
      COLLECTOR.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              EXPORTS.add(request);
              return new MockResponse(200, Headers.of(), "");
            }
          });
      COLLECTOR.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SandboxTestApp.register(registry, SERVER_PORT, SANDBOX, "1s");
    // The collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT would give it.
    registry.add("temporarr.tracing.otlp.endpoint", () -> COLLECTOR.url("/").toString());
  }

  @AfterAll
  static void stopCollector() {
    COLLECTOR.close();
  }

  @Autowired WorkflowClient client;
  @Autowired TemporalStartup startup;
  @Autowired SdkTracerProvider tracerProvider;

  @Test
  void aRequestsStartWorkflowAndActivitiesAreExportedAsOneTraceTaggedWithItsCorrelationId()
      throws Exception {
    startup.ready().get(60, TimeUnit.SECONDS);
    MediaRequestInput input = MediaRequestInput.movie("events", "traced-1", "Sintel", 2010, 45745);
    String workflowId = WorkflowIds.mediaRequest(input.source(), input.sourceRequestId());
    MediaRequestWorkflow request =
        client.newWorkflowStub(
            MediaRequestWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                .build());

    MDC.put(CorrelationPropagator.MDC_KEY, "corr-traced-1");
    try {
      WorkflowClient.start(request::run, input);
    } finally {
      MDC.remove(CorrelationPropagator.MDC_KEY);
    }
    MediaRequestResult result =
        WorkflowStub.fromTyped(request).getResult(120, TimeUnit.SECONDS, MediaRequestResult.class);
    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<OtlpTraces.Span> spans = exported();
              OtlpTraces.Span start = named(spans, "StartWorkflow:MediaRequestWorkflow");
              OtlpTraces.Span run = named(spans, "RunWorkflow:MediaRequestWorkflow");
              OtlpTraces.Span search = named(spans, "RunActivity:" + ActivityTypes.SEARCH);
              OtlpTraces.Span imported = named(spans, "RunActivity:" + ActivityTypes.IMPORT_MEDIA);
              assertThat(List.of(run.traceId(), search.traceId(), imported.traceId()))
                  .as("the start span is the root of the request's trace")
                  .containsOnly(start.traceId());
              for (OtlpTraces.Span span : List.of(start, run, search, imported)) {
                assertThat(span.attributes())
                    .as(span.name())
                    .containsEntry(TracingConfiguration.CORRELATION_ATTRIBUTE, "corr-traced-1");
                assertThat(span.service()).isEqualTo("temporarr-worker");
              }
              assertThat(run.attributes()).containsEntry("workflowId", workflowId);
            });
    assertThat(EXPORTS)
        .allSatisfy(
            export -> {
              assertThat(export.getMethod()).isEqualTo("POST");
              assertThat(export.getUrl().encodedPath()).isEqualTo("/v1/traces");
              assertThat(export.getHeaders().get("Content-Type"))
                  .isEqualTo("application/x-protobuf");
            });
  }

  private static List<OtlpTraces.Span> exported() throws IOException {
    List<OtlpTraces.Span> spans = new ArrayList<>();
    for (RecordedRequest export : EXPORTS) {
      spans.addAll(OtlpTraces.spans(export.getBody().toByteArray()));
    }
    return spans;
  }

  /** The span of that name tagged with this test's correlation ID (other requests may run). */
  private static OtlpTraces.Span named(List<OtlpTraces.Span> spans, String name) {
    return spans.stream()
        .filter(span -> name.equals(span.name()))
        .filter(
            span ->
                "corr-traced-1"
                    .equals(span.attributes().get(TracingConfiguration.CORRELATION_ATTRIBUTE)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " among " + names(spans)));
  }

  private static List<String> names(List<OtlpTraces.Span> spans) {
    return spans.stream().map(OtlpTraces.Span::name).distinct().sorted().toList();
  }
}
