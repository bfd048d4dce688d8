package io.temporarr.activities.jellyfin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import java.time.Duration;
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
class JellyfinClientTest {

  private static final String KEY = "f00dfacecafebabe0123456789abcdef";
  private static final String PATH = "/media/tv/Severance/Season 01";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void targetedRescanPostsTheFolderWithTheMediaBrowserToken() throws Exception {
    server.enqueue(new MockResponse(204, Headers.of(), ""));

    jellyfin(client, null).refresh(PATH);

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/Library/Media/Updated");
    assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo("MediaBrowser Token=\"" + KEY + "\"");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode updates = JSON.readTree(request.getBody().utf8()).get("Updates");
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).get("Path").asText()).isEqualTo(PATH);
    assertThat(updates.get(0).get("UpdateType").asText()).isEqualTo("Created");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverWithoutTheTargetedEndpointGetsAFullRefresh() throws Exception {
    server.enqueue(new MockResponse(404, Headers.of(), ""));
    server.enqueue(new MockResponse(204, Headers.of(), ""));

    jellyfin(client, null).refresh(PATH);

    assertThat(take().getTarget()).isEqualTo("/Library/Media/Updated");
    RecordedRequest full = take();
    assertThat(full.getMethod()).isEqualTo("POST");
    assertThat(full.getTarget()).isEqualTo("/Library/Refresh");
    assertThat(full.getHeaders().get("Authorization"))
        .isEqualTo("MediaBrowser Token=\"" + KEY + "\"");
  }

  @Test
  void targetedBadRequestAlsoFallsBackToAFullRefresh() throws Exception {
    server.enqueue(new MockResponse(400, Headers.of(), ""));
    server.enqueue(new MockResponse(204, Headers.of(), ""));

    jellyfin(client, null).refresh(PATH);

    take();
    assertThat(take().getTarget()).isEqualTo("/Library/Refresh");
  }

  @Test
  void unauthorizedIsNonRetryableWithoutFallbackAndWithoutTheKey() {
    server.enqueue(new MockResponse(401, Headers.of(), ""));

    assertThatThrownBy(() -> jellyfin(client, null).refresh(PATH))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage()).contains("jellyfin", "401").doesNotContain(KEY);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorIsRetryableWithoutFallback() {
    server.enqueue(new MockResponse(500, Headers.of(), ""));

    assertThatThrownBy(() -> jellyfin(client, null).refresh(PATH))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getMessage()).doesNotContain(KEY);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fullRefreshWaitsForTheScanLongerThanTheSharedReadTimeout() throws Exception {
    OkHttpClient impatient =
        client.newBuilder().readTimeout(Duration.ofMillis(300)).callTimeout(Duration.ZERO).build();
    server.enqueue(new MockResponse(404, Headers.of(), ""));
    server.enqueue(new MockResponse.Builder().code(204).headersDelay(1, TimeUnit.SECONDS).build());

    jellyfin(impatient, Duration.ofSeconds(5)).refresh(PATH);

    take();
    assertThat(take().getTarget()).isEqualTo("/Library/Refresh");
  }

  @Test
  void targetedRescanKeepsTheSharedTimeoutAndFailsRetryablyWhenItIsExceeded() {
    OkHttpClient impatient =
        client.newBuilder().readTimeout(Duration.ofMillis(300)).callTimeout(Duration.ZERO).build();
    server.enqueue(new MockResponse.Builder().code(204).headersDelay(1, TimeUnit.SECONDS).build());

    assertThatThrownBy(() -> jellyfin(impatient, Duration.ofSeconds(5)).refresh(PATH))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
            });
  }

  @Test
  void settingsRejectMissingOrQuotedKeysAndHideTheKey() {
    assertThatThrownBy(() -> new JellyfinSettings(server.url("/"), "ab\"cd", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ab\"cd");
    assertThatThrownBy(() -> new JellyfinSettings(server.url("/"), "", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JellyfinSettings(null, KEY, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JellyfinSettings(server.url("/"), KEY, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);

    JellyfinSettings settings = new JellyfinSettings(server.url("/"), KEY, null);
    assertThat(settings.refreshTimeout()).isEqualTo(JellyfinSettings.DEFAULT_REFRESH_TIMEOUT);
    assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=***");
  }

  private JellyfinClient jellyfin(OkHttpClient http, Duration refreshTimeout) {
    return new JellyfinClient(http, new JellyfinSettings(server.url("/"), KEY, refreshTimeout));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
