package io.temporarr.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IntegrationsHealthIndicatorTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
  private IntegrationsHealthIndicator indicator;

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    if (indicator != null) {
      indicator.destroy();
    }
    server.close();
  }

  @Test
  void anUnreachableServiceDegradesHealthWithoutShowingItsPathOrToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).build());
    HttpUrl up = server.url("/api/v2/app/version");
    HttpUrl down =
        HttpUrl.get("http://127.0.0.1:" + freePort() + "/api/webhooks/123/s3cr3t-token?x=1");
    indicator =
        new IntegrationsHealthIndicator(
            List.of(
                new IntegrationEndpoint("temporarr.download-clients.qbt", up),
                new IntegrationEndpoint("temporarr.notifiers.discord", down)),
            http,
            Duration.ofHours(1),
            CLOCK);
    indicator.start();

    Awaitility.await().until(() -> indicator.health().getStatus() != Status.UNKNOWN);
    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(IntegrationsHealthIndicator.DEGRADED);
    assertThat(health.getDetails()).containsEntry("checkedAt", "2026-01-01T00:00:00Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> qbt =
        (Map<String, Object>) health.getDetails().get("temporarr.download-clients.qbt");
    assertThat(qbt)
        .containsEntry("reachable", true)
        .containsEntry("httpStatus", 401)
        .containsEntry("url", server.url("/").toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> discord =
        (Map<String, Object>) health.getDetails().get("temporarr.notifiers.discord");
    assertThat(discord).containsEntry("reachable", false);
    assertThat((String) discord.get("error")).startsWith("ConnectException");
    assertThat(health.toString()).doesNotContain("s3cr3t-token").doesNotContain("webhooks");
    // Only the origin is probed, with HEAD: no path, no token, no body.
    var recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("HEAD");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/");
  }

  @Test
  void allReachableIsUpAndAServiceComingBackIsSeenOnTheNextRound() throws IOException {
    int port = freePort();
    HttpUrl later = HttpUrl.get("http://127.0.0.1:" + port + "/");
    indicator =
        new IntegrationsHealthIndicator(
            List.of(new IntegrationEndpoint("temporarr.jellyfin", later)),
            http,
            Duration.ofHours(1),
            CLOCK);
    assertThat(indicator.health().getStatus()).as("before start").isEqualTo(Status.UNKNOWN);
    indicator.start();
    Awaitility.await().until(() -> indicator.health().getStatus() != Status.UNKNOWN);
    assertThat(indicator.health().getStatus()).isEqualTo(IntegrationsHealthIndicator.DEGRADED);

    try (MockWebServer jellyfin = new MockWebServer()) {
      jellyfin.enqueue(new MockResponse.Builder().code(200).build());
      jellyfin.start(port);
      indicator.probeAll();
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void nothingConfiguredIsUpWithoutProbing() {
    indicator = new IntegrationsHealthIndicator(List.of(), http, Duration.ofSeconds(1), CLOCK);
    indicator.start();
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("configured", 0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
