package io.temporarr.activities.notify;

import static io.temporarr.activities.notify.NotifierFixtures.failure;
import static io.temporarr.activities.notify.NotifierFixtures.jsonBody;
import static io.temporarr.activities.notify.NotifierFixtures.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.Map;
import java.util.Set;
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
  private static final String MESSAGE = "No release after 3 searches";

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void postsMessageWithTitlePriorityAndTheTokenInAHeader() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{\"id\":25,\"appid\":5}"));

    boolean sent = gotify(null, null).send(notification(RequestEvent.FAILED, "Dune failed"));

    assertThat(sent).isTrue();
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/gotify/message");
    assertThat(request.getHeaders().get("X-Gotify-Key")).isEqualTo(TOKEN);
    JsonNode body = jsonBody(request);
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

    assertThat(priorityOf(take(server))).isEqualTo(2);
    assertThat(priorityOf(take(server))).isEqualTo(10);
    assertThat(priorityOf(take(server))).isEqualTo(8);
    assertThat(priorityOf(take(server))).isEqualTo(8);
  }

  @Test
  void notificationWithoutTextsGetsTheEventAsTitleAndMessage() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));

    gotify(null, null).send(new Notification("k", RequestEvent.STARTED, "wf", null, "", null));

    JsonNode body = jsonBody(take(server));
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

    ApplicationFailure failure =
        failure(
            () -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")),
            ErrorTypes.UNAUTHORIZED,
            false);
    assertThat(failure.getMessage()).contains("gotify 'push'", "401").doesNotContain(TOKEN);
  }

  @Test
  void missingServerPathIsNonRetryableNotFound() {
    server.enqueue(new MockResponse(404, Headers.of(), "404 page not found"));

    failure(
        () -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")),
        ErrorTypes.NOT_FOUND,
        false);
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(new MockResponse(503, Headers.of(), ""));

    failure(
        () -> gotify(null, null).send(notification(RequestEvent.COMPLETED, "t")),
        ErrorTypes.SERVER_ERROR,
        true);
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
    return jsonBody(request).get("priority").asInt();
  }

  private static Notification notification(RequestEvent event, String title) {
    return NotifierFixtures.notification(event, title, MESSAGE);
  }
}
