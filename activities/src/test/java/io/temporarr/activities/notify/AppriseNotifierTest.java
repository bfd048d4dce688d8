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
class AppriseNotifierTest {

  private static final String TELEGRAM = "tgram://123456:SeCrEtBoTtOkEn/987";
  private static final String MAIL = "mailto://user:MaIlPaSs@example.org";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void statefulKeyPostsTitleBodyAndTypeToItsPath() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "Notification(s) sent."));

    boolean sent = stateful(null).send(notification(RequestEvent.COMPLETED, "Dune is ready"));

    assertThat(sent).isTrue();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/apprise/notify/temporarr-home");
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(request.getBody().utf8());
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

    RecordedRequest request = take();
    assertThat(request.getTarget()).isEqualTo("/notify");
    JsonNode body = JSON.readTree(request.getBody().utf8());
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

    assertThatThrownBy(() -> stateful(null).send(notification(RequestEvent.COMPLETED, "t")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage())
                  .contains("apprise 'home'", "404")
                  .doesNotContain("temporarr-home");
            });
  }

  @Test
  void rejectedRequestIsNonRetryableAndHoldsNoAppriseUrl() {
    server.enqueue(new MockResponse(400, Headers.of(), "bad " + TELEGRAM));
    AppriseSettings settings =
        new AppriseSettings("fanout", server.url("/"), null, List.of(TELEGRAM), null);

    assertThatThrownBy(
            () ->
                new AppriseNotifier(client, settings)
                    .send(notification(RequestEvent.COMPLETED, "t")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.BAD_REQUEST);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage()).doesNotContain("SeCrEtBoTtOkEn", "tgram");
            });
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
    return new Notification(
        "media-request:seerr:42:" + event,
        event,
        "media-request:seerr:42",
        title,
        "Imported to the library",
        "corr-1");
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
