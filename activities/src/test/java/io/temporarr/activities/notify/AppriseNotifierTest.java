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
import java.util.ArrayList;
import java.util.List;
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
class AppriseNotifierTest {

  private static final String TELEGRAM = "tgram://123456:SeCrEtBoTtOkEn/987";
  private static final String MAIL = "mailto://user:MaIlPaSs@example.org";
  private static final String MESSAGE = "Imported to the library";

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void statefulKeyPostsTitleBodyAndTypeToItsPath() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "Notification(s) sent."));

    boolean sent = stateful(null).send(notification(RequestEvent.COMPLETED, "Dune is ready"));

    assertThat(sent).isTrue();
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/apprise/notify/temporarr-home");
    JsonNode body = jsonBody(request);
    assertThat(fields(body)).containsExactly("title", "body", "type");
    assertThat(body.get("title").asText()).isEqualTo("Dune is ready");
    assertThat(body.get("body").asText()).isEqualTo("Imported to the library");
    assertThat(body.get("type").asText()).isEqualTo("success");
  }

  @Test
  void statelessUrlsArePostedToNotifyWithTheNotification() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), ""));
    AppriseSettings settings =
        new AppriseSettings("fanout", server.url("/"), null, List.of(TELEGRAM, MAIL), null);

    new AppriseNotifier(client, settings).send(notification(RequestEvent.FAILED, "Dune failed"));

    RecordedRequest request = take(server);
    assertThat(request.getTarget()).isEqualTo("/notify");
    JsonNode body = jsonBody(request);
    assertThat(body.get("urls").asText()).isEqualTo(TELEGRAM + "," + MAIL);
    assertThat(body.get("type").asText()).isEqualTo("failure");
    assertThat(body.get("title").asText()).isEqualTo("Dune failed");
  }

  @Test
  void everyEventMapsToAnAppriseType() {
    assertThat(AppriseNotifier.type(RequestEvent.STARTED)).isEqualTo("info");
    assertThat(AppriseNotifier.type(RequestEvent.COMPLETED)).isEqualTo("success");
    assertThat(AppriseNotifier.type(RequestEvent.NEEDS_ATTENTION)).isEqualTo("warning");
    assertThat(AppriseNotifier.type(RequestEvent.FAILED)).isEqualTo("failure");
  }

  @Test
  void unknownKeyIsNonRetryableNotFoundWithoutTheKey() {
    server.enqueue(new MockResponse(404, Headers.of(), "No configuration found"));

    ApplicationFailure failure =
        failure(
            () -> stateful(null).send(notification(RequestEvent.COMPLETED, "t")),
            ErrorTypes.NOT_FOUND,
            false);
    assertThat(failure.getMessage())
        .contains("apprise 'home'", "404")
        .doesNotContain("temporarr-home");
  }

  @Test
  void rejectedRequestIsNonRetryableAndHoldsNoAppriseUrl() {
    server.enqueue(new MockResponse(400, Headers.of(), "bad " + TELEGRAM));
    AppriseSettings settings =
        new AppriseSettings("fanout", server.url("/"), null, List.of(TELEGRAM), null);

    ApplicationFailure failure =
        failure(
            () ->
                new AppriseNotifier(client, settings)
                    .send(notification(RequestEvent.COMPLETED, "t")),
            ErrorTypes.BAD_REQUEST,
            false);
    assertThat(failure.getMessage()).doesNotContain("SeCrEtBoTtOkEn", "tgram");
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    boolean sent =
        stateful(Set.of(RequestEvent.COMPLETED)).send(notification(RequestEvent.STARTED, "t"));

    assertThat(sent).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void settingsNeedExactlyOneOfKeyAndUrlsAndHideTheUrls() {
    assertThatThrownBy(() -> new AppriseSettings("home", server.url("/"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key", "urls");
    assertThatThrownBy(
            () -> new AppriseSettings("home", server.url("/"), "k", List.of(TELEGRAM), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("SeCrEt");
    assertThatThrownBy(() -> new AppriseSettings("home", server.url("/"), "a/b", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AppriseSettings(" ", server.url("/"), "k", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AppriseSettings("home", null, "k", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            new AppriseSettings("fanout", server.url("/"), " ", List.of(TELEGRAM, " "), null)
                .toString())
        .contains("fanout", "urls=1 hidden")
        .doesNotContain("SeCrEt", "tgram");
    assertThat(new AppriseSettings("home", server.url("/"), "k1", null, null).toString())
        .contains("key=k1");
  }

  private AppriseNotifier stateful(Set<RequestEvent> events) {
    return new AppriseNotifier(
        client,
        new AppriseSettings("home", server.url("/apprise/"), "temporarr-home", null, events));
  }

  private static List<String> fields(JsonNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Notification notification(RequestEvent event, String title) {
    return NotifierFixtures.notification(event, title, MESSAGE);
  }
}
