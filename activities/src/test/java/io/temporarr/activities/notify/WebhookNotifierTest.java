package io.temporarr.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WebhookNotifierTest {

  private static final String SECRET = "Bearer whsec_9f8e7d6c";
  private static final String PATH_TOKEN = "T0KEN1NPATH";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void postsVersionedJsonEventWithIdempotencyAndCorrelationHeaders() throws Exception {
    server.enqueue(new MockResponse(204, Headers.of(), ""));
    WebhookNotifier webhook = new WebhookNotifier(client, settings(null));

    boolean sent = webhook.send(notification(RequestEvent.COMPLETED, "corr-7"));

    assertThat(sent).isTrue();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/hooks/" + PATH_TOKEN);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(SECRET);
    assertThat(request.getHeaders().get("Idempotency-Key"))
        .isEqualTo("media-request:seerr:42:completed:1");
    assertThat(request.getHeaders().get("X-Correlation-Id")).isEqualTo("corr-7");
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(request.getBody().utf8());
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "version", "type", "idempotencyKey", "workflowId", "title", "message", "correlationId");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("type").asText()).isEqualTo("request.completed");
    assertThat(body.get("idempotencyKey").asText()).isEqualTo("media-request:seerr:42:completed:1");
    assertThat(body.get("workflowId").asText()).isEqualTo("media-request:seerr:42");
    assertThat(body.get("title").asText()).isEqualTo("Dune (2021) is ready");
    assertThat(body.get("message").asText()).isEqualTo("Imported — enjoy");
    assertThat(body.get("correlationId").asText()).isEqualTo("corr-7");
  }

  @Test
  void missingCorrelationIdIsNullInTheBodyAndAbsentFromHeaders() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "ok"));

    new WebhookNotifier(client, settings(null)).send(notification(RequestEvent.FAILED, null));

    RecordedRequest request = take();
    assertThat(request.getHeaders().get("X-Correlation-Id")).isNull();
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.get("correlationId").isNull()).isTrue();
    assertThat(body.get("type").asText()).isEqualTo("request.failed");
  }

  @Test
  void everyEventHasAStableWireName() {
    assertThat(WebhookNotifier.eventType(RequestEvent.STARTED)).isEqualTo("request.started");
    assertThat(WebhookNotifier.eventType(RequestEvent.NEEDS_ATTENTION))
        .isEqualTo("request.needs_attention");
    assertThat(WebhookNotifier.eventType(RequestEvent.FAILED)).isEqualTo("request.failed");
    assertThat(WebhookNotifier.eventType(RequestEvent.COMPLETED)).isEqualTo("request.completed");
  }

  @Test
  void serverErrorIsRetryableAndNamesNeitherHeaderSecretNorUrlPath() {
    server.enqueue(new MockResponse(500, Headers.of(), "oops " + SECRET));
    WebhookNotifier webhook = new WebhookNotifier(client, settings(null));

    assertThatThrownBy(() -> webhook.send(notification(RequestEvent.COMPLETED, "c")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getMessage())
                  .contains("webhook 'automation'", "500", server.getHostName())
                  .doesNotContain(SECRET, "whsec", PATH_TOKEN);
            });
  }

  @Test
  void unauthorizedIsNonRetryable() {
    server.enqueue(new MockResponse(401, Headers.of(), ""));
    WebhookNotifier webhook = new WebhookNotifier(client, settings(null));

    assertThatThrownBy(() -> webhook.send(notification(RequestEvent.COMPLETED, "c")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage()).doesNotContain("whsec", PATH_TOKEN);
            });
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    WebhookNotifier webhook =
        new WebhookNotifier(client, settings(Set.of(RequestEvent.FAILED, RequestEvent.STARTED)));

    assertThat(webhook.send(notification(RequestEvent.COMPLETED, "c"))).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void webhookWithoutExtraHeadersSendsNoAuthorization() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), ""));
    WebhookSettings plain =
        new WebhookSettings("plain", server.url("/hooks/" + PATH_TOKEN), null, null);

    new WebhookNotifier(client, plain).send(notification(RequestEvent.STARTED, "c"));

    assertThat(take().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void settingsRejectUnsendableHeaderValuesWithoutEchoingThem() {
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    "automation", server.url("/"), Map.of("X-Api-Key", "whsec_line1\nline2"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-Api-Key")
        .hasMessageNotContaining("whsec");
    assertThatThrownBy(
            () -> new WebhookSettings("automation", server.url("/"), Map.of("Bad Name", "v"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookSettings("", server.url("/"), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookSettings("automation", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsToStringShowsHeaderNamesButNotValuesOrPath() {
    String text = settings(null).toString();

    assertThat(text).contains("automation", "Authorization").doesNotContain("whsec", PATH_TOKEN);
  }

  private WebhookSettings settings(Set<RequestEvent> events) {
    return new WebhookSettings(
        "automation", server.url("/hooks/" + PATH_TOKEN), Map.of("Authorization", SECRET), events);
  }

  private static Notification notification(RequestEvent event, String correlationId) {
    return new Notification(
        "media-request:seerr:42:completed:1",
        event,
        "media-request:seerr:42",
        "Dune (2021) is ready",
        "Imported — enjoy",
        correlationId);
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
