package io.temporarr.gateway.events;

import io.temporarr.gateway.events.SignatureRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Standard Webhooks v1 signatures (<a
 * href="https://www.standardwebhooks.com/">standardwebhooks.com</a>).
 *
 * <p><b>Input:</b> the {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * headers exactly as received, and the raw body bytes, before anything parses them. The signed
 * content is {@code id + "." + timestamp + "." + body}; {@code webhook-signature} is a
 * space-separated list of {@code <version>,<base64 HMAC-SHA256>}. Only {@code v1} entries count,
 * others are skipped, so a sender can add signatures of a future scheme next to v1.
 *
 * <p><b>Output:</b> returns normally when one v1 signature matches one configured key (several keys
 * and several signatures make rotation seamless) and the timestamp is within {@link #TOLERANCE} of
 * this machine's clock, either way; otherwise throws {@link SignatureRejected} and nothing else,
 * whatever the headers hold. Signatures are compared with {@link MessageDigest#isEqual}, in
 * constant time.
 *
 * <p><b>Idempotency:</b> a pure check; replay within the tolerance is handled by the caller ({@link
 * RecentDeliveries}). Thread-safe.
 */
public final class WebhookVerifier {
  /** How far {@code webhook-timestamp} may be from now, either way (the standard's default). */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final String SECRET_PREFIX = "whsec_";
  static final String SIGNATURE_VERSION = "v1";

  /** Standard Webhooks: keys of 24 to 64 bytes; shorter ones are refused. */
  static final int MIN_KEY_BYTES = 24;

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final int HMAC_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
  // Twelve digits reach the year 33658; more cannot be a real signing time.
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

  private final List<SecretKeySpec> keys;
  private final Clock clock;

  /**
   * @param secrets the configured {@code whsec_<base64>} secrets
   * @throws IllegalArgumentException naming the position (never the value) of a malformed secret
   */
  public WebhookVerifier(List<String> secrets, Clock clock) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException(
          "temporarr.gateway.events.secrets (TEMPORARR_GATEWAY_EVENTS_SECRETS) is required");
    }
    List<SecretKeySpec> parsed = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      parsed.add(new SecretKeySpec(key(secrets.get(i), i), HMAC_SHA256));
    }
    this.keys = List.copyOf(parsed);
    this.clock = clock;
  }

  private static byte[] key(String secret, int index) {
    String problem =
        "temporarr.gateway.events.secrets["
            + index
            + "] (TEMPORARR_GATEWAY_EVENTS_SECRETS) must be "
            + SECRET_PREFIX
            + " followed by the base64 of a key of at least "
            + MIN_KEY_BYTES
            + " bytes";
    String value = secret == null ? "" : secret.strip();
    if (!value.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException(problem);
    }
    try {
      byte[] key = Base64.getDecoder().decode(value.substring(SECRET_PREFIX.length()));
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(problem);
      }
      return key;
    } catch (IllegalArgumentException notBase64) {
      // Thrown anew: the decoder's message could quote part of the secret.
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The checks that need no body: all three headers present and well-formed, the timestamp within
   * {@link #TOLERANCE}, and at least one {@code v1,<base64>} entry of an HMAC-SHA256's length. Run
   * before the body is read, so a delivery that cannot be authentic costs no body read.
   *
   * @throws SignatureRejected when a header is missing or malformed, or the timestamp is outside
   *     the tolerance
   */
  public void checkHeaders(String id, String timestamp, String signatures)
      throws SignatureRejected {
    if (id == null || timestamp == null || signatures == null) {
      throw new SignatureRejected(Reason.MISSING_HEADERS);
    }
    if (!ID.matcher(id).matches()) {
      throw new SignatureRejected(Reason.MALFORMED_ID);
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      throw new SignatureRejected(Reason.MALFORMED_TIMESTAMP);
    }
    long signedAt = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    if (signedAt < now - TOLERANCE.toSeconds()) {
      throw new SignatureRejected(Reason.STALE_TIMESTAMP);
    }
    if (signedAt > now + TOLERANCE.toSeconds()) {
      throw new SignatureRejected(Reason.FUTURE_TIMESTAMP);
    }
    boolean v1 = false;
    for (String entry : signatures.split(" ")) {
      byte[] presented = v1Signature(entry);
      v1 |= presented != null && presented.length == HMAC_BYTES;
    }
    if (!v1) {
      throw new SignatureRejected(Reason.MALFORMED_SIGNATURE);
    }
  }

  /**
   * @param body the raw request body; null counts as empty
   * @throws SignatureRejected when a header is missing or malformed, the timestamp is outside the
   *     tolerance, or no v1 signature matches a configured key
   */
  public void verify(String id, String timestamp, String signatures, byte[] body)
      throws SignatureRejected {
    checkHeaders(id, timestamp, signatures);
    List<byte[]> expected = new ArrayList<>(keys.size());
    for (SecretKeySpec key : keys) {
      expected.add(hmac(key, id, timestamp, body == null ? new byte[0] : body));
    }
    boolean matched = false;
    for (String entry : signatures.split(" ")) {
      byte[] presented = v1Signature(entry);
      if (presented == null) {
        continue;
      }
      for (byte[] candidate : expected) {
        // Every pair is compared, so the time taken does not depend on which one matched.
        matched |= MessageDigest.isEqual(candidate, presented);
      }
    }
    if (!matched) {
      throw new SignatureRejected(Reason.NO_MATCHING_SIGNATURE);
    }
  }

  /** The decoded MAC of a {@code v1,<base64>} entry; null for other versions and malformed ones. */
  private static byte[] v1Signature(String entry) {
    int comma = entry.indexOf(',');
    if (comma < 0 || !SIGNATURE_VERSION.equals(entry.substring(0, comma))) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(entry.substring(comma + 1));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static byte[] hmac(SecretKeySpec key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform provides HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookVerifier[" + keys.size() + " key(s)]";
  }
}
