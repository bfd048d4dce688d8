package io.temporarr.gateway.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;

/**
 * A Standard Webhooks v1 sender for tests, written from the specification independently of {@link
 * WebhookVerifier}, so the two check each other.
 */
public final class EventSigner {
  private EventSigner() {}

  /** {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>} for a {@code whsec_} secret. */
  public static String signature(String secret, String id, String timestamp, byte[] body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three headers of a delivery signed now. */
  public static HttpHeaders headers(String secret, String id, String body) {
    return headers(secret, id, Instant.now(), body);
  }

  /** The three headers of a delivery signed at {@code signedAt}. */
  public static HttpHeaders headers(String secret, String id, Instant signedAt, String body) {
    String timestamp = Long.toString(signedAt.getEpochSecond());
    HttpHeaders headers = new HttpHeaders();
    headers.set("webhook-id", id);
    headers.set("webhook-timestamp", timestamp);
    headers.set(
        "webhook-signature",
        signature(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }
}
