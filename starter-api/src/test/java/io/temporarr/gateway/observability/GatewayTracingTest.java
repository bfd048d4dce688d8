package io.temporarr.gateway.observability;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporarr.gateway.GatewayOnTemporalTestServerTest;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.workflows.common.CorrelationPropagator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with {@code temporarr.tracing.otlp.endpoint} set to an in-process OTLP/HTTP receiver:
 * a webhook's start is traced (span exported as protobuf, tagged with the correlation ID) and the
 * span context travels in the workflow's header, where the worker's interceptor continues the
 * trace.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import(GatewayOnTemporalTestServerTest.FakeRequestWorker.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GatewayTracingTest {
  /** The header key of Temporal's OpenTracing interceptors (the span context, W3C fields). */
  private static final String TRACER_HEADER = "_tracer-data";

  private static final List<Export> EXPORTS = new CopyOnWriteArrayList<>();
  private static final HttpServer COLLECTOR = collector();

  record Export(String method, String path, String contentType, byte[] body) {}

  @DynamicPropertySource
  static void endpoint(DynamicPropertyRegistry registry) {
    registry.add(
        "temporarr.tracing.otlp.endpoint",
        () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort());
  }

  @AfterAll
  static void stopCollector() {
    COLLECTOR.stop(0);
  }

  @LocalServerPort private int port;
  @Autowired private WorkflowClient client;
  @Autowired private SdkTracerProvider tracerProvider;

  @Test
  void aWebhooksStartIsTracedAndItsSpanContextTravelsInTheWorkflowHeader() throws Exception {
    String body =
        fixture("seerr/movie-approved.json")
            .replace("\"request_id\": \"42\"", "\"request_id\": \"400\"");
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/seerr"))
                    .header("Authorization", TestCredentials.SEERR)
                    .header("Content-Type", "application/json")
                    .header(CorrelationPropagator.HTTP_HEADER, "corr-traced-gw")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(202);
    HistoryEvent started = client.fetchHistory("media-request:seerr:400").getEvents().get(0);
    assertThat(started.getWorkflowExecutionStartedEventAttributes().getHeader().getFieldsMap())
        .containsKeys(TRACER_HEADER, CorrelationPropagator.HEADER_KEY);
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(EXPORTS)
                    .anySatisfy(
                        export -> {
                          assertThat(export.method()).isEqualTo("POST");
                          assertThat(export.path()).isEqualTo("/v1/traces");
                          assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                          String bytes = new String(export.body(), StandardCharsets.ISO_8859_1);
                          assertThat(bytes)
                              .contains("StartWorkflow:MediaRequestWorkflow")
                              .contains(TracingConfiguration.CORRELATION_ATTRIBUTE)
                              .contains("corr-traced-gw")
                              .contains("temporarr-gateway");
                        }));
  }

  private static HttpServer collector() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            EXPORTS.add(
                new Export(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
