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
class GotifyNotifierTest {

  private static final String TOKEN = "AgOtIfYaPpT0k3n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void postsMessageWithTitlePriorityAndTheTokenInAHeader() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{\"id\":25,\"appid\":5}"));

    boolean sent = gotify(null, null).send(notification(RequestEvent.FAILED, "Dune failed"));

    assertThat(sent).isTrue();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/gotify/message");
    assertThat(request.getHeaders().get("X-Gotify-Key")).isEqualTo(TOKEN);
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.get("title").asText()).isEqualTo("Dune failed");
    assertThat(body.get("message").asText()).isEqualTo("No release after 3 searches");
    assertThat(body.get("priority").asInt()).isEqualTo(8);
  }

  @Test
  void priorityFollowsTheEventAndConfiguredOverrides() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    }
    GotifyNotifier gotify = gotify(Map.of(RequestEvent.COMPLETED, 10), null);

    gotify.send(notification(RequestEvent.STARTED, "t"));
    gotify.send(notification(RequestEvent.COMPLETED, "t"));
    gotify.send(notification(RequestEvent.NEEDS_ATTENTION, "t"));
    gotify.send(notification(RequestEvent.FAILED, "t"));

    assertThat(priorityOf(take())).isEqualTo(2);
    assertThat(priorityOf(take())).isEqualTo(10);
    assertThat(priorityOf(take())).isEqualTo(8);
    assertThat(priorityOf(take())).isEqualTo(8);
  }

  @Test
  void notificationWithoutTextsGetsTheEventAsTitleAndMessage() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));

    gotify(null, null).send(new Notification("k", RequestEvent.STARTED, "wf", null, "", null));

    JsonNode body = JSON.readTree(take().getBody().utf8());
    assertThat(body.get("title").asText()).isEqualTo("Request started");
    assertThat(body.get("message").asText()).isEqualTo("Request started");
  }

  @Test
  void wrongTokenIsNonRetryableUnauthorizedWithoutTheToken() {
    server.enqueue(
        new MockResponse(
            401,
            Headers.of(),
            "{\"error\":\"Unauthorized\",\"errorDescription\":\"" + TOKEN + "\"}"));

    assertThatThrownBy(() -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage())
                  .contains("gotify 'push'", "401")
                  .doesNotContain(TOKEN);
            });
  }

  @Test
  void missingServerPathIsNonRetryableNotFound() {
    server.enqueue(new MockResponse(404, Headers.of(), "404 page not found"));

    assertThatThrownBy(() -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(new MockResponse(503, Headers.of(), ""));

    assertThatThrownBy(() -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
            });
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    boolean sent =
        gotify(null, Set.of(RequestEvent.FAILED, RequestEvent.NEEDS_ATTENTION))
            .send(notification(RequestEvent.COMPLETED, "t"));

    assertThat(sent).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void settingsRejectMissingTokenAndBadPrioritiesWithoutEchoingTheToken() {
    assertThatThrownBy(() -> new GotifySettings("push", server.url("/"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(
            () -> new GotifySettings("push", server.url("/"), "bad\n" + TOKEN, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(
            () ->
                new GotifySettings(
                    "push", server.url("/"), TOKEN, Map.of(RequestEvent.FAILED, 11), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0…10");
    assertThatThrownBy(() -> new GotifySettings("", server.url("/"), TOKEN, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GotifySettings("push", null, TOKEN, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new GotifySettings("push", server.url("/"), TOKEN, null, null).toString())
        .contains("push", "token=***")
        .doesNotContain(TOKEN);
  }

  private GotifyNotifier gotify(Map<RequestEvent, Integer> priorities, Set<RequestEvent> events) {
    return new GotifyNotifier(
        client, new GotifySettings("push", server.url("/gotify"), TOKEN, priorities, events));
  }

  private static int priorityOf(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().utf8()).get("priority").asInt();
  }

  private static Notification notification(RequestEvent event, String title) {
    return new Notification(
        "media-request:seerr:42:" + event,
        event,
        "media-request:seerr:42",
        title,
        "No release after 3 searches",
        "corr-1");
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
