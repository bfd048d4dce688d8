package io.temporarr.gateway.observability;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporarr.gateway.GatewayOnTemporalTestServerTest;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.workflows.common.CorrelationPropagator;
import io.temporarr.workflows.common.MetricNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The gateway on Temporal's test server with the fake request workflow: a webhook's {@code
 * X-Correlation-Id} is echoed and reaches the workflow as a Temporal header on start and on signal;
 * each delivery is counted by source and outcome on {@code /actuator/prometheus}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "spring.application.name=gateway-correlation-test"
    })
@Import(GatewayOnTemporalTestServerTest.FakeRequestWorker.class)
@AutoConfigureObservability(tracing = false)
@org.junit.jupiter.api.extension.ExtendWith(
    org.springframework.boot.test.system.OutputCaptureExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorrelationAndOutcomesTest {
  private static final String HEADER = CorrelationPropagator.HTTP_HEADER;
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

  @LocalServerPort private int port;
  @Autowired private WorkflowClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aWebhooksCorrelationIdIsEchoedAndStartsTheWorkflowWithItInTheHeader(
      org.springframework.boot.test.system.CapturedOutput output) throws Exception {
    HttpResponse<String> answer = seerr(approval("300"), "corr-seerr-300");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.headers().firstValue(HEADER)).hasValue("corr-seerr-300");
    HistoryEvent started = history("media-request:seerr:300").get(0);
    assertThat(correlation(started.getWorkflowExecutionStartedEventAttributes().getHeader()))
        .isEqualTo("corr-seerr-300");
    assertThat(
            client
                .newUntypedWorkflowStub("media-request:seerr:300")
                .describe()
                .getMemo("correlationId", String.class))
        .as("the input's field agrees with the header")
        .isEqualTo("corr-seerr-300");
    assertThat(output.getAll())
        .as("the gateway's log line of the delivery")
        .containsPattern("\\[corr-seerr-300\\] .*Seerr MEDIA_APPROVED accepted");
  }

  /**
   * The signal is sent by the same propagating client as the start; Temporal's test server does not
   * keep signal headers in the history, so here the answer's echo is what can be checked.
   */
  @Test
  void aSignalWebhookEchoesItsOwnCorrelationId() throws Exception {
    assertThat(seerr(approval("301"), "corr-start-301").statusCode()).isEqualTo(202);

    HttpResponse<String> answer =
        qbittorrent("hash=" + HASH + "&tags=media-request:seerr:301", "corr-finished-301");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.headers().firstValue(HEADER)).hasValue("corr-finished-301");
  }

  @Test
  void withoutOrWithAMalformedIdTheGatewayGeneratesOneAndUsesItThroughout() throws Exception {
    HttpResponse<String> missing = seerr(approval("302"), null);
    HttpResponse<String> malformed = seerr(approval("303"), "x".repeat(201));

    for (HttpResponse<String> answer : List.of(missing, malformed)) {
      assertThat(answer.headers().firstValue(HEADER))
          .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }
    assertThat(
            correlation(
                history("media-request:seerr:302")
                    .get(0)
                    .getWorkflowExecutionStartedEventAttributes()
                    .getHeader()))
        .isEqualTo(missing.headers().firstValue(HEADER).orElseThrow());
  }

  @Test
  void withoutATracingEndpointThereIsNoTracerExporterOrTracingInterceptor(
      @Autowired org.springframework.context.ApplicationContext context) {
    assertThat(
            java.util.stream.Stream.of(
                    io.opentelemetry.api.OpenTelemetry.class,
                    io.opentelemetry.sdk.trace.SdkTracerProvider.class,
                    io.opentracing.Tracer.class,
                    io.temporal.opentracing.OpenTracingClientInterceptor.class)
                .flatMap(type -> java.util.Arrays.stream(context.getBeanNamesForType(type))))
        .as("tracing beans")
        .isEmpty();
  }

  @Test
  void webhookOutcomesAreCountedBySource() throws Exception {
    String before = scrape();

    seerr(approval("310"), null); // started
    seerr(approval("310"), null); // duplicate
    seerr(fixture("seerr/test-notification.json"), null); // ignored
    seerr("{\"notification_type\": \"MEDIA_APPROVED\"}", null); // rejected (422)
    send("/webhooks/seerr", "Authorization", "wrong", "application/json", "{}"); // unauthorized
    qbittorrent("hash=" + HASH + "&tags=media-request:seerr:310", null); // signalled
    qbittorrent("hash=" + HASH + "&tags=other", null); // ignored

    String after = scrape();
    assertThat(delta(before, after, "seerr", "started")).isEqualTo(1);
    assertThat(delta(before, after, "seerr", "duplicate")).isEqualTo(1);
    assertThat(delta(before, after, "seerr", "ignored")).isEqualTo(1);
    assertThat(delta(before, after, "seerr", "rejected")).isEqualTo(1);
    assertThat(delta(before, after, "seerr", "unauthorized")).isEqualTo(1);
    assertThat(delta(before, after, "qbittorrent", "signalled")).isEqualTo(1);
    assertThat(delta(before, after, "qbittorrent", "ignored")).isEqualTo(1);
    assertThat(delta(before, after, "events", "started")).isZero();
    assertThat(after).as("every pair exists from start-up").contains("outcome=\"rate_limited\"");
  }

  private static String approval(String requestId) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + requestId + "\"");
  }

  private HttpResponse<String> seerr(String body, String correlationId) throws Exception {
    return send(
        "/webhooks/seerr",
        "Authorization",
        TestCredentials.SEERR,
        "application/json",
        body,
        correlationId);
  }

  private HttpResponse<String> qbittorrent(String form, String correlationId) throws Exception {
    return send(
        "/webhooks/qbittorrent",
        "X-Temporarr-Token",
        TestCredentials.QBITTORRENT,
        "application/x-www-form-urlencoded",
        form,
        correlationId);
  }

  private HttpResponse<String> send(
      String path, String authHeader, String auth, String contentType, String body)
      throws Exception {
    return send(path, authHeader, auth, contentType, body, null);
  }

  private HttpResponse<String> send(
      String path,
      String authHeader,
      String auth,
      String contentType,
      String body,
      String correlationId)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header(authHeader, auth)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (correlationId != null) {
      request.header(HEADER, correlationId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  private static String correlation(Header header) {
    Payload payload = header.getFieldsMap().get(CorrelationPropagator.HEADER_KEY);
    assertThat(payload).as("correlation header").isNotNull();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  private String scrape() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static double delta(String before, String after, String source, String outcome) {
    return value(after, source, outcome) - value(before, source, outcome);
  }

  private static double value(String scrape, String source, String outcome) {
    Pattern line =
        Pattern.compile(
            "^"
                + MetricNames.WEBHOOKS
                + "_total\\{(?=[^}]*outcome=\""
                + outcome
                + "\")(?=[^}]*source=\""
                + source
                + "\")[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    Matcher matcher = line.matcher(scrape);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
