package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpFailuresTest {
  /** Wed, 21 Oct 2015 07:28:00 GMT, the RFC's own example date. */
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  private static final HttpUrl URL =
      HttpUrl.get("https://user:hunter2@indexer.example:8443/1/api?t=search&apikey=SECRET#frag");

  private static ApplicationFailure status(int code, String retryAfter) {
    return HttpFailures.forStatus("Prowlarr", "GET", URL, code, retryAfter, NOW);
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
        Arguments.of(502, ErrorTypes.SERVER_ERROR, false),
        Arguments.of(503, ErrorTypes.SERVER_ERROR, false),
        Arguments.of(599, ErrorTypes.SERVER_ERROR, false),
        Arguments.of(301, ErrorTypes.UNEXPECTED_STATUS, true),
        Arguments.of(409, ErrorTypes.UNEXPECTED_STATUS, true),
        Arguments.of(410, ErrorTypes.UNEXPECTED_STATUS, true),
        Arguments.of(418, ErrorTypes.UNEXPECTED_STATUS, true),
        Arguments.of(600, ErrorTypes.UNEXPECTED_STATUS, true));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}, nonRetryable={2}")
  @MethodSource("statuses")
  void everyStatusClassMapsToItsTypeAndRetryability(int code, String type, boolean nonRetryable) {
    ApplicationFailure failure = status(code, null);

    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
    assertThat(failure.getNextRetryDelay()).isNull();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Prowlarr: GET https://indexer.example:8443/1/api answered HTTP " + code);
  }

  @Test
  void typesAreTheContractConstants() {
    assertThat(status(401, null).getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
    assertThat(status(429, null).getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
    assertThat(status(503, null).getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
  }

  @Test
  void retryAfterInSecondsBecomesTheNextRetryDelay() {
    ApplicationFailure failure = status(429, "120");

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(120));
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).endsWith("answered HTTP 429 (retry after 120s)");
  }

  @Test
  void retryAfterAsHttpDateIsTheTimeUntilThatDate() {
    assertThat(status(503, "Wed, 21 Oct 2015 07:30:30 GMT").getNextRetryDelay())
        .isEqualTo(Duration.ofSeconds(150));
    assertThat(status(408, " Wed, 21 Oct 2015 07:28:05 GMT ").getNextRetryDelay())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterInThePastMeansRetryNow() {
    assertThat(HttpFailures.parseRetryAfter("Tue, 20 Oct 2015 07:28:00 GMT", NOW))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpFailures.parseRetryAfter("0", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterIsClampedToOneHour() {
    assertThat(HttpFailures.parseRetryAfter("86400", NOW)).isEqualTo(HttpFailures.MAX_RETRY_AFTER);
    assertThat(HttpFailures.parseRetryAfter("Thu, 22 Oct 2015 07:28:00 GMT", NOW))
        .isEqualTo(Duration.ofHours(1));
    assertThat(HttpFailures.parseRetryAfter("99999999999999999999999", NOW))
        .as("more digits than a long holds")
        .isEqualTo(Duration.ofHours(1));
    assertThat(status(429, "7200").getNextRetryDelay()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void absentOrUnreadableRetryAfterLeavesTheDelayToTheRetryPolicy() {
    assertThat(HttpFailures.parseRetryAfter(null, NOW)).isNull();
    assertThat(HttpFailures.parseRetryAfter("  ", NOW)).isNull();
    assertThat(HttpFailures.parseRetryAfter("soon", NOW)).isNull();
    assertThat(HttpFailures.parseRetryAfter("1.5", NOW)).isNull();
    assertThat(HttpFailures.parseRetryAfter("-5", NOW)).isNull();
    assertThat(status(429, "soon").getNextRetryDelay()).isNull();
    assertThat(status(429, "soon").getOriginalMessage()).doesNotContain("retry after");
  }

  @Test
  void retryAfterOnANonRetryableStatusIsIgnored() {
    ApplicationFailure failure = status(403, "60");

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void forResponseReadsStatusMethodUrlAndRetryAfterFromTheResponse() {
    Response response =
        new Response.Builder()
            .request(
                new Request.Builder()
                    .url(URL)
                    .post(okhttp3.RequestBody.create(new byte[0]))
                    .build())
            .protocol(Protocol.HTTP_1_1)
            .code(429)
            .message("Too Many Requests")
            .header("Retry-After", "30")
            .build();

    ApplicationFailure failure = HttpFailures.forResponse("Jackett", response);

    assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(failure.getOriginalMessage())
        .startsWith("Jackett: POST https://indexer.example:8443/1/api answered HTTP 429");
  }

  @Test
  void redactionDropsUserInfoQueryAndFragment() {
    String redacted = HttpFailures.redact(URL);

    assertThat(redacted).isEqualTo("https://indexer.example:8443/1/api");
    assertThat(redacted).doesNotContain("hunter2", "user", "SECRET", "apikey", "frag");
  }

  @Test
  void redactionKeepsIpv6LiteralsReadableAndNullIsAQuestionMark() {
    assertThat(HttpFailures.redact(HttpUrl.get("http://[::1]:9696/api?apikey=k")))
        .isEqualTo("http://[::1]:9696/api");
    assertThat(HttpFailures.redact(null)).isEqualTo("?");
  }

  @Test
  void everyMessageIsRedacted() {
    assertThat(status(500, "5").getOriginalMessage()).doesNotContain("SECRET", "hunter2");
    assertThat(
            HttpFailures.forIo("Prowlarr", "GET", URL, new IOException("boom SECRET"))
                .getOriginalMessage())
        .doesNotContain("SECRET", "hunter2");
    assertThat(HttpFailures.malformed("Prowlarr", URL, "bad xml").getOriginalMessage())
        .doesNotContain("SECRET", "hunter2");
  }

  @Test
  void ioFailureIsARetryableNetworkErrorNamingTheExceptionClass() {
    ApplicationFailure failure =
        HttpFailures.forIo("Prowlarr", "GET", URL, new SocketTimeoutException("timeout"));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Prowlarr: GET https://indexer.example:8443/1/api failed: SocketTimeoutException");
  }

  @Test
  void malformedBodyIsNonRetryable() {
    ApplicationFailure failure = HttpFailures.malformed("Prowlarr", URL, "no channel");

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Prowlarr: malformed response from https://indexer.example:8443/1/api: no channel");
  }
}
