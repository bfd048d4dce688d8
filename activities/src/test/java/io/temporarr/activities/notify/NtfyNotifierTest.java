package io.temporarr.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
class NtfyNotifierTest {

  private static final String TOKEN = "tk_s3cr3tT0kenValue";
  private static final String TOPIC = "temporarr-x7Gq2";

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void publishesMessageToTopicWithTitlePriorityTagsAndBearerToken() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{\"id\":\"abc\"}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    boolean sent = ntfy.send(notification(RequestEvent.COMPLETED, "Dune (2021) is ready"));

    assertThat(sent).isTrue();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/" + TOPIC);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Title")).isEqualTo("Dune (2021) is ready");
    assertThat(request.getHeaders().get("Priority")).isEqualTo("3");
    assertThat(request.getHeaders().get("Tags")).isEqualTo("white_check_mark");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(request.getBody().utf8()).isEqualTo("Imported to /media/movies/Dune (2021)");
  }

  @Test
  void basicAuthSendsEncodedUsernameAndPassword() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfySettings settings =
        new NtfySettings("phone", server.url("/"), TOPIC, null, "alice", "pässword", null, null);

    new NtfyNotifier(client, settings).send(notification(RequestEvent.STARTED, "Searching"));

    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("alice:pässword".getBytes(StandardCharsets.UTF_8));
    RecordedRequest request = take();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(expected);
    assertThat(request.getHeaders().get("Priority")).isEqualTo("2");
    assertThat(request.getHeaders().get("Tags")).isEqualTo("inbox_tray");
  }

  @Test
  void anonymousPublishUnderAPathPrefixSendsNoAuthorization() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfySettings settings = NtfySettings.anonymous("phone", server.url("/ntfy/"), TOPIC);

    new NtfyNotifier(client, settings).send(notification(RequestEvent.COMPLETED, "Done"));

    RecordedRequest request = take();
    assertThat(request.getTarget()).isEqualTo("/ntfy/" + TOPIC);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void problemsArePublishedWithHighPriorityAndWarningTags() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    ntfy.send(notification(RequestEvent.NEEDS_ATTENTION, "Stalled"));
    ntfy.send(notification(RequestEvent.FAILED, "Gave up"));

    RecordedRequest attention = take();
    assertThat(attention.getHeaders().get("Priority")).isEqualTo("4");
    assertThat(attention.getHeaders().get("Tags")).isEqualTo("warning");
    RecordedRequest failed = take();
    assertThat(failed.getHeaders().get("Priority")).isEqualTo("4");
    assertThat(failed.getHeaders().get("Tags")).isEqualTo("x");
  }

  @Test
  void configuredPriorityOverridesTheDefaultForThatEventOnly() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfyNotifier ntfy =
        new NtfyNotifier(client, settingsWithToken(Map.of(RequestEvent.FAILED, 5), null));

    ntfy.send(notification(RequestEvent.FAILED, "Gave up"));
    ntfy.send(notification(RequestEvent.COMPLETED, "Done"));

    assertThat(take().getHeaders().get("Priority")).isEqualTo("5");
    assertThat(take().getHeaders().get("Priority")).isEqualTo("3");
  }

  @Test
  void nonAsciiTitleTravelsAsAnRfc2047EncodedWord() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    ntfy.send(notification(RequestEvent.COMPLETED, "Amélie\nest prête"));

    String title = take().getHeaders().get("Title");
    assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
    String encoded = title.substring("=?UTF-8?B?".length(), title.length() - 2);
    assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .isEqualTo("Amélie est prête");
  }

  @Test
  void missingTitleAndMessageSendAnEmptyBodyWithoutTitleHeader() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "{}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    ntfy.send(new Notification("k1", RequestEvent.COMPLETED, "wf", null, null, null));

    RecordedRequest request = take();
    assertThat(request.getHeaders().get("Title")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    NtfyNotifier ntfy =
        new NtfyNotifier(client, settingsWithToken(null, Set.of(RequestEvent.FAILED)));

    boolean sent = ntfy.send(notification(RequestEvent.COMPLETED, "Done"));

    assertThat(sent).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unauthorizedIsNonRetryableAndNamesNeitherTokenNorTopic() throws Exception {
    server.enqueue(new MockResponse(401, Headers.of(), "{\"error\":\"unauthorized\"}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    assertThatThrownBy(() -> ntfy.send(notification(RequestEvent.COMPLETED, "Done")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage())
                  .contains("ntfy 'phone'", "401")
                  .doesNotContain(TOKEN, TOPIC);
            });
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void serverErrorIsRetryableAndHidesTheBasicPassword() {
    server.enqueue(new MockResponse(500, Headers.of(), "boom"));
    NtfySettings settings =
        new NtfySettings("phone", server.url("/"), TOPIC, null, "alice", "hunter2", null, null);

    assertThatThrownBy(
            () ->
                new NtfyNotifier(client, settings)
                    .send(notification(RequestEvent.COMPLETED, "Done")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getMessage()).doesNotContain("hunter2", "alice", TOPIC);
            });
  }

  @Test
  void rateLimitIsRetryableAfterTheDelayNtfyAsksFor() {
    server.enqueue(new MockResponse(429, Headers.of("Retry-After", "30"), "{}"));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    assertThatThrownBy(() -> ntfy.send(notification(RequestEvent.COMPLETED, "Done")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
            });
  }

  @Test
  void redirectIsNotFollowedSoCredentialsStayWithTheConfiguredHost() {
    server.enqueue(new MockResponse(302, Headers.of("Location", "http://elsewhere.invalid/x"), ""));
    NtfyNotifier ntfy = new NtfyNotifier(client, settingsWithToken(null, null));

    assertThatThrownBy(() -> ntfy.send(notification(RequestEvent.COMPLETED, "Done")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(ErrorTypes.UNEXPECTED_STATUS));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void settingsRejectInvalidTopicsAndAmbiguousCredentialsWithoutEchoingSecrets() {
    assertThatThrownBy(() -> NtfySettings.anonymous("phone", server.url("/"), "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new NtfySettings("phone", server.url("/"), TOPIC, TOKEN, "u", "p", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(
            () -> new NtfySettings("phone", server.url("/"), TOPIC, null, "u", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new NtfySettings(
                    "phone", server.url("/"), TOPIC, "tk_bad\nvalue", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("tk_bad");
    assertThatThrownBy(
            () ->
                new NtfySettings(
                    "phone",
                    server.url("/"),
                    TOPIC,
                    null,
                    null,
                    null,
                    Map.of(RequestEvent.FAILED, 6),
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtfySettings.anonymous(" ", server.url("/"), TOPIC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtfySettings.anonymous("phone", null, TOPIC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new NtfySettings("phone", server.url("/"), TOPIC, null, "a:b", "p", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsToStringHidesTokenPasswordAndTopic() {
    String withToken = settingsWithToken(null, null).toString();
    String withBasic =
        new NtfySettings("phone", server.url("/"), TOPIC, null, "alice", "hunter2", null, null)
            .toString();

    assertThat(withToken).contains("auth=token").doesNotContain(TOKEN, TOPIC);
    assertThat(withBasic).contains("basic(alice)").doesNotContain("hunter2", TOPIC);
    assertThat(NtfySettings.anonymous("phone", server.url("/"), TOPIC).toString())
        .contains("auth=none");
  }

  private NtfySettings settingsWithToken(
      Map<RequestEvent, Integer> priorities, Set<RequestEvent> events) {
    return new NtfySettings("phone", server.url("/"), TOPIC, TOKEN, null, null, priorities, events);
  }

  private static Notification notification(RequestEvent event, String title) {
    return new Notification(
        "media-request:seerr:42:" + event,
        event,
        "media-request:seerr:42",
        title,
        "Imported to /media/movies/Dune (2021)",
        "corr-1");
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
