package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class HttpCallsTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  private Request get(String path) {
    return new Request.Builder().url(server.url(path)).build();
  }

  private ApplicationFailure failureOf(Request request) {
    return catchThrowableOfType(
        ApplicationFailure.class,
        () -> HttpCalls.execute(client, request, "Test", response -> response.body().string()));
  }

  @Test
  void successfulResponseIsHandedToTheReader() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

    String body =
        HttpCalls.execute(
            client,
            new Request.Builder().url(server.url("/x?a=1")).header("X-Test", "yes").build(),
            "Test",
            response -> response.body().string());

    assertThat(body).isEqualTo("hello");
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/x");
    assertThat(recorded.getUrl().queryParameter("a")).isEqualTo("1");
    assertThat(recorded.getHeaders().get("X-Test")).isEqualTo("yes");
  }

  @Test
  void everyTwoHundredIsSuccess() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    AtomicBoolean read = new AtomicBoolean();

    HttpCalls.execute(client, get("/"), "Test", response -> read.getAndSet(true));

    assertThat(read).isTrue();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, ErrorTypes.BAD_REQUEST, true),
        Arguments.of(401, ErrorTypes.UNAUTHORIZED, true),
        Arguments.of(403, ErrorTypes.FORBIDDEN, true),
        Arguments.of(404, ErrorTypes.NOT_FOUND, true),
        Arguments.of(422, ErrorTypes.UNPROCESSABLE, true),
        Arguments.of(408, ErrorTypes.REQUEST_TIMEOUT, false),
        Arguments.of(429, ErrorTypes.RATE_LIMITED, false),
        Arguments.of(500, ErrorTypes.SERVER_ERROR, false),
        Arguments.of(503, ErrorTypes.SERVER_ERROR, false),
        Arguments.of(410, ErrorTypes.UNEXPECTED_STATUS, true),
        Arguments.of(418, ErrorTypes.UNEXPECTED_STATUS, true));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("statuses")
  void unsuccessfulStatusIsMappedAndTheReaderNeverCalled(
      int code, String type, boolean nonRetryable) {
    server.enqueue(new MockResponse.Builder().code(code).body("body").build());
    AtomicBoolean read = new AtomicBoolean();

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> HttpCalls.execute(client, get("/p"), "Test", response -> read.getAndSet(true)));

    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
    assertThat(failure.getOriginalMessage()).doesNotContain("body");
    assertThat(read).isFalse();
  }

  @Test
  void redirectWithoutLocationIsAnUnexpectedStatus() {
    server.enqueue(new MockResponse.Builder().code(302).build());

    ApplicationFailure failure = failureOf(get("/moved"));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNEXPECTED_STATUS);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void retryAfterSecondsFromTheServerBecomesTheDelay() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());

    ApplicationFailure failure = failureOf(get("/"));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterDateFromTheServerBecomesADelayOfAtMostAnHour() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
            .build());

    ApplicationFailure failure = failureOf(get("/"));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void messagesNeverCarryQueryOrUserInfo() {
    server.enqueue(new MockResponse.Builder().code(401).build());
    HttpUrl secretUrl =
        server
            .url("/api")
            .newBuilder()
            .username("me")
            .password("pw")
            .addQueryParameter("apikey", "K3Y")
            .build();

    ApplicationFailure failure = failureOf(new Request.Builder().url(secretUrl).build());

    assertThat(failure.getOriginalMessage())
        .isEqualTo("Test: GET " + HttpFailures.redact(secretUrl) + " answered HTTP 401")
        .doesNotContain("K3Y", "pw", "apikey");
  }

  @Test
  void refusedConnectionIsARetryableNetworkError() {
    Request request = new Request.Builder().url("http://127.0.0.1:1/api?apikey=K3Y").build();

    ApplicationFailure failure = failureOf(request);

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith("Test: GET http://127.0.0.1:1/api failed: ")
        .doesNotContain("K3Y");
  }

  @Test
  void connectionDroppedWhileReadingTheBodyIsANetworkError() {
    server.enqueue(
        new MockResponse.Builder()
            .body("a body that will be cut short")
            .onResponseBody(new SocketEffect.CloseSocket(true, true, true))
            .build());

    ApplicationFailure failure = failureOf(get("/"));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void readTimeoutIsARetryableNetworkError() {
    server.enqueue(
        new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("late").build());
    OkHttpClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(200)).build();

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> HttpCalls.execute(impatient, get("/"), "Test", r -> r.body().string()));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.getOriginalMessage()).endsWith("SocketTimeoutException");
  }

  @Test
  void failureRaisedByTheReaderPassesThroughUnchanged() {
    server.enqueue(new MockResponse.Builder().body("not json").build());
    ApplicationFailure bad = HttpFailures.malformed("Test", server.url("/"), "not json");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                HttpCalls.execute(
                    client,
                    get("/"),
                    "Test",
                    response -> {
                      throw bad;
                    }));

    assertThat(failure).isSameAs(bad);
  }

  @Test
  void executeDiscardingSucceedsOnTwoHundredAndMapsFailures() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ignored").build());
    server.enqueue(new MockResponse.Builder().code(404).build());

    HttpCalls.executeDiscarding(client, get("/a"), "Test");
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> HttpCalls.executeDiscarding(client, get("/b"), "Test"));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/a");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/b");
  }

  @Test
  void sharedClientDoesNotRetryOrHideFailures() {
    OkHttpClient shared = HttpClients.create();

    assertThat(shared.retryOnConnectionFailure()).isFalse();
    assertThat(shared.followRedirects()).isTrue();
    assertThat(shared.callTimeoutMillis()).isPositive();
    assertThat(shared.connectTimeoutMillis()).isLessThan(shared.callTimeoutMillis());
  }
}
