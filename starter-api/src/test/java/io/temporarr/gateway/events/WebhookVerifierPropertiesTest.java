package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;

/** Properties of the signature check, over generated bodies, IDs, timestamps and keys. */
class WebhookVerifierPropertiesTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final List<String> SECRETS =
      List.of(secret((byte) 1), secret((byte) 2), secret((byte) 3));

  private final WebhookVerifier verifier =
      new WebhookVerifier(SECRETS, Clock.fixed(NOW, ZoneOffset.UTC));

  @Property
  void anythingSignedWithAConfiguredKeyVerifies(
      @ForAll byte[] body,
      @ForAll("ids") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll @IntRange(min = 0, max = 2) int key) {
    String signature = EventSigner.signature(SECRETS.get(key), id, timestamp, body);

    assertThatCode(() -> verifier.verify(id, timestamp, signature, body))
        .doesNotThrowAnyException();
  }

  @Property
  void flippingAnyBitOfTheBodyBreaksTheSignature(
      @ForAll @Size(min = 1) byte[] body,
      @ForAll("ids") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    String signature = EventSigner.signature(SECRETS.get(0), id, timestamp, body);
    byte[] changed = body.clone();
    int bit = position % (changed.length * 8);
    changed[bit / 8] ^= (byte) (1 << (bit % 8));

    assertRejected(id, timestamp, signature, changed);
  }

  @Property
  void flippingAnyBitOfTheIdBreaksTheSignature(
      @ForAll byte[] body,
      @ForAll("ids") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    String signature = EventSigner.signature(SECRETS.get(0), id, timestamp, body);

    assertRejected(flipBit(id, position), timestamp, signature, body);
  }

  @Property
  void flippingAnyBitOfTheTimestampBreaksTheSignature(
      @ForAll byte[] body,
      @ForAll("ids") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    String signature = EventSigner.signature(SECRETS.get(0), id, timestamp, body);

    assertRejected(id, flipBit(timestamp, position), signature, body);
  }

  @Property
  void oneValidSignatureAmongSeveralIsEnough(
      @ForAll byte[] body,
      @ForAll("ids") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll @IntRange(min = 0, max = 2) int key,
      @ForAll @Size(max = 5) List<@From("otherSignatures") String> others,
      @ForAll @IntRange(min = 0, max = 5) int at) {
    List<String> entries = new ArrayList<>(others);
    entries.add(
        Math.min(at, entries.size()), EventSigner.signature(SECRETS.get(key), id, timestamp, body));

    assertThatCode(() -> verifier.verify(id, timestamp, String.join(" ", entries), body))
        .doesNotThrowAnyException();
  }

  @Property
  void aKeyThatIsNotConfiguredNeverVerifies(
      @ForAll byte[] body, @ForAll("ids") String id, @ForAll("timestamps") String timestamp) {
    String signature = EventSigner.signature(secret((byte) 4), id, timestamp, body);

    assertRejected(id, timestamp, signature, body);
  }

  @Property(tries = 2000)
  void garbageHeadersOnlyEverFailWithTheTypedRejection(
      @ForAll @WithNull(0.1) String id,
      @ForAll("garbageTimestamps") @WithNull(0.1) String timestamp,
      @ForAll("garbageSignatures") @WithNull(0.1) String signature,
      @ForAll @WithNull(0.1) byte[] body) {
    Throwable thrown = catchThrowable(() -> verifier.verify(id, timestamp, signature, body));

    assertThat(thrown).isInstanceOf(SignatureRejected.class);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
  }

  @Provide
  Arbitrary<String> timestamps() {
    return Arbitraries.longs()
        .between(-WebhookVerifier.TOLERANCE.toSeconds(), WebhookVerifier.TOLERANCE.toSeconds())
        .map(offset -> String.valueOf(NOW.getEpochSecond() + offset));
  }

  @Provide
  Arbitrary<String> otherSignatures() {
    Arbitrary<String> versions = Arbitraries.of("v1", "v2", "v1a", "", "V1");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(32)
                .map(bytes -> Base64.getEncoder().encodeToString(bytes)),
            Arbitraries.strings().ofMaxLength(60));
    return Combinators.combine(versions, values).as((version, value) -> version + "," + value);
  }

  @Provide
  Arbitrary<String> garbageTimestamps() {
    return Arbitraries.oneOf(
        timestamps(),
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().numeric().ofMaxLength(30),
        Arbitraries.longs().map(String::valueOf));
  }

  @Provide
  Arbitrary<String> garbageSignatures() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        otherSignatures().list().ofMaxSize(4).map(entries -> String.join(" ", entries)));
  }

  /** Flips one of the low seven bits of one character: the result stays a one-byte character. */
  private static String flipBit(String value, int position) {
    char[] chars = value.toCharArray();
    int bit = position % (chars.length * 7);
    chars[bit / 7] ^= (char) (1 << (bit % 7));
    return new String(chars);
  }

  private void assertRejected(String id, String timestamp, String signature, byte[] body) {
    assertThat(catchThrowable(() -> verifier.verify(id, timestamp, signature, body)))
        .isInstanceOf(SignatureRejected.class);
  }

  private static String secret(byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    key[0] = (byte) (fill * 31);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
