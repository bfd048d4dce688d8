package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.events.SignatureRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.AbstractComparableAssert;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  // The test vector published with the Standard Webhooks / Svix reference libraries.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final String TIMESTAMP = "1614265330";
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

  private final WebhookVerifier verifier = verifierAt(SIGNED_AT);

  @Test
  void acceptsTheStandardsPublishedTestVector() {
    assertThatCode(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY))
        .doesNotThrowAnyException();
    assertThat(EventSigner.signature(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsTheWorkedExampleOfTheEventsReadme() {
    // docs/events/README.md, "Worked example": keep both in step.
    String body =
        "{\"id\":\"evt_2KWPBgLlAfxdpx2AI54pPJ85f4W\",\"type\":\"media.requested\","
            + "\"version\":\"1.0\",\"time\":\"2025-06-01T12:00:00Z\",\"data\":{\"source\":"
            + "\"homepage\",\"sourceRequestId\":\"1001\",\"mediaType\":\"movie\",\"title\":"
            + "\"Big Buck Bunny\",\"year\":2008,\"tmdbId\":10378}}";
    WebhookVerifier atSigningTime = verifierAt(Instant.parse("2025-06-01T12:00:00Z"));

    assertThatCode(
            () ->
                atSigningTime.verify(
                    "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                    "1748779200",
                    "v1,IaK8LHjemoiy9HlpvYN6rEigAZCzRRjFHOuCgcjm0qk=",
                    body.getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAMatchingSignatureAmongOthersOfAnyVersion() {
    String header = "v2,c2lnbmF0dXJl v1,Zm9yZ2Vk  v1a,x " + SIGNATURE + " v1,%%%";

    assertThatCode(() -> verifier.verify(ID, TIMESTAMP, header, BODY)).doesNotThrowAnyException();
  }

  @Test
  void acceptsSignaturesOfEveryConfiguredSecret() throws Exception {
    String next = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    WebhookVerifier rotating =
        new WebhookVerifier(List.of(next, SECRET), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

    rotating.verify(ID, TIMESTAMP, SIGNATURE, BODY);
    rotating.verify(ID, TIMESTAMP, EventSigner.signature(next, ID, TIMESTAMP, BODY), BODY);
  }

  @Test
  void refusesASignatureOfAnotherVersionPrefix() {
    assertRejected(ID, TIMESTAMP, SIGNATURE.replace("v1,", "v2,"), BODY)
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void refusesAChangedBody() {
    assertRejected(ID, TIMESTAMP, SIGNATURE, "{\"test\": 2432232315}".getBytes())
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void refusesMissingHeaders() {
    assertRejected(null, TIMESTAMP, SIGNATURE, BODY).isEqualTo(Reason.MISSING_HEADERS);
    assertRejected(ID, null, SIGNATURE, BODY).isEqualTo(Reason.MISSING_HEADERS);
    assertRejected(ID, TIMESTAMP, null, BODY).isEqualTo(Reason.MISSING_HEADERS);
  }

  @Test
  void refusesMalformedIdsAndTimestamps() {
    assertRejected("", TIMESTAMP, SIGNATURE, BODY).isEqualTo(Reason.MALFORMED_ID);
    assertRejected("msg 1", TIMESTAMP, SIGNATURE, BODY).isEqualTo(Reason.MALFORMED_ID);
    assertRejected(ID, "1614265330.5", SIGNATURE, BODY).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertRejected(ID, "-1", SIGNATURE, BODY).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertRejected(ID, "9".repeat(13), SIGNATURE, BODY).isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void toleratesFiveMinutesOfClockDifferenceEitherWay() {
    assertThatCode(
            () -> verifierAt(SIGNED_AT.plusSeconds(300)).verify(ID, TIMESTAMP, SIGNATURE, BODY))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> verifierAt(SIGNED_AT.minusSeconds(300)).verify(ID, TIMESTAMP, SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesTimestampsBeyondTheTolerance() {
    assertThatThrownBy(
            () -> verifierAt(SIGNED_AT.plusSeconds(301)).verify(ID, TIMESTAMP, SIGNATURE, BODY))
        .isInstanceOfSatisfying(
            SignatureRejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.STALE_TIMESTAMP));
    assertThatThrownBy(
            () -> verifierAt(SIGNED_AT.minusSeconds(301)).verify(ID, TIMESTAMP, SIGNATURE, BODY))
        .isInstanceOfSatisfying(
            SignatureRejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.FUTURE_TIMESTAMP));
  }

  @Test
  void malformedSecretsAreRefusedByPositionWithoutTheirValue() {
    String tooShort = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[16]);
    for (String bad : List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not*base64!", tooShort)) {
      assertThatThrownBy(() -> new WebhookVerifier(List.of(SECRET, bad), Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("temporarr.gateway.events.secrets[1]")
          .hasMessageContaining("TEMPORARR_GATEWAY_EVENTS_SECRETS")
          .message()
          .doesNotContain(bad.substring("whsec_".length()));
    }
    assertThatThrownBy(() -> new WebhookVerifier(List.of(), Clock.systemUTC()))
        .hasMessageContaining("TEMPORARR_GATEWAY_EVENTS_SECRETS");
  }

  @Test
  void neverShowsItsKeys() {
    assertThat(verifier.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  private AbstractComparableAssert<?, Reason> assertRejected(
      String id, String timestamp, String signature, byte[] body) {
    try {
      verifier.verify(id, timestamp, signature, body);
    } catch (SignatureRejected rejected) {
      assertThat(rejected).hasMessage(rejected.reason().detail());
      return assertThat(rejected.reason());
    }
    throw new AssertionError("the delivery was accepted");
  }

  private static WebhookVerifier verifierAt(Instant now) {
    return new WebhookVerifier(List.of(SECRET), Clock.fixed(now, ZoneOffset.UTC));
  }
}
