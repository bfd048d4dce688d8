package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.gateway.inbox.InboxEntry;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway pointed at a loopback port nobody listens on: it must start, and Seerr's and
 * qBittorrent's webhooks must be acknowledged (202 queued) from the durable inbox, whose drainer
 * keeps trying.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.call-timeout=1s",
      "temporarr.gateway.inbox.initial-backoff=50ms",
      "temporarr.gateway.inbox.max-backoff=200ms",
      "management.endpoint.health.show-details=always"
    })
@AutoConfigureObservability(tracing = false)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GatewayWithoutTemporalTest {
  private static final int CLOSED_PORT = closedPort();

  @DynamicPropertySource
  static void temporalNobodyListensTo(DynamicPropertyRegistry properties) {
    properties.add("spring.temporal.connection.target", () -> "127.0.0.1:" + CLOSED_PORT);
  }

  @LocalServerPort private int port;
  @Autowired private InboxStore inbox;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void startsAndAcknowledgesWebhooksFromTheInboxWhileTemporalIsDown() throws Exception {
    HttpResponse<String> approved = seerr(approval("500"));
    HttpResponse<String> approvedToo = seerr(approval("501"));
    HttpResponse<String> finished =
        post(
            "/webhooks/qbittorrent",
            "X-Temporarr-Token",
            TestCredentials.QBITTORRENT,
            "application/x-www-form-urlencoded",
            "hash=c9e15763f722f23e98a29decdfae341b98d53056&tags=media-request:seerr:500");

    assertThat(approved.statusCode()).isEqualTo(202);
    assertThat(json.readTree(approved.body()))
        .isEqualTo(
            json.readTree("{\"workflowId\":\"media-request:seerr:500\",\"status\":\"queued\"}"));
    assertThat(approvedToo.statusCode()).isEqualTo(202);
    assertThat(json.readTree(approvedToo.body()).path("status").asText()).isEqualTo("queued");
    assertThat(finished.statusCode()).isEqualTo(202);
    assertThat(json.readTree(finished.body()).path("status").asText()).isEqualTo("queued");
    assertThat(inbox.waiting(10))
        .extracting(InboxEntry::kind)
        .containsExactly(InboxKind.START, InboxKind.START, InboxKind.SIGNAL_DOWNLOAD_FINISHED);

    // The drainer keeps trying, and records why it cannot deliver yet.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(inbox.head().orElseThrow())
                    .satisfies(
                        head -> {
                          assertThat(head.attempts()).isPositive();
                          assertThat(head.lastError())
                              .containsAnyOf("UNAVAILABLE", "DEADLINE_EXCEEDED");
                        }));
    assertThat(inbox.depth()).isEqualTo(3);

    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode component = json.readTree(health.body()).path("components").path("inbox");
    assertThat(component.path("status").asText()).isEqualTo("UP");
    assertThat(component.path("details").path("depth").asLong()).isEqualTo(3);

    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics)
        .contains("temporarr_gateway_inbox_depth 3.0")
        .contains("temporarr_gateway_inbox_queued_total 3.0")
        .contains("temporarr_gateway_inbox_delivered_total 0.0")
        .contains("temporarr_gateway_inbox_dead_total 0.0")
        .contains("temporarr_gateway_inbox_oldest_age_seconds");
  }

  private static String approval(String requestId) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + requestId + "\"");
  }

  private HttpResponse<String> seerr(String body) throws Exception {
    return post(
        "/webhooks/seerr", "Authorization", TestCredentials.SEERR, "application/json", body);
  }

  private HttpResponse<String> post(
      String path, String authHeader, String credential, String contentType, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header(authHeader, credential)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
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

  /** A loopback port that was free a moment ago and that nothing listens on now. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
