package io.temporarr.gateway.operator;

import io.temporarr.gateway.problem.GatewayProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page tokens of the request list: Temporal's visibility token, sealed with an HMAC over the list
 * query it belongs to. Only tokens this API handed out — for the same state filter — reach
 * Temporal; anything else is a 400 here, instead of arbitrary bytes in a visibility call (which
 * Temporal answers with an opaque UNKNOWN error). The key is derived from the operator token, so
 * every gateway sharing that configuration accepts the others' tokens, and rotating the token
 * invalidates old pages.
 */
final class PageTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  PageTokens(String operatorToken) {
    this.key =
        new SecretKeySpec(
            hmac(
                new SecretKeySpec(operatorToken.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                "temporarr request-list page tokens v1".getBytes(StandardCharsets.UTF_8)),
            ALGORITHM);
  }

  /** The token to hand out for Temporal's next-page token of {@code query}. */
  String seal(byte[] temporalToken, String query) {
    byte[] sealed = new byte[MAC_BYTES + temporalToken.length];
    System.arraycopy(mac(temporalToken, query), 0, sealed, 0, MAC_BYTES);
    System.arraycopy(temporalToken, 0, sealed, MAC_BYTES, temporalToken.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  /**
   * Temporal's token inside a token this API handed out for {@code query}.
   *
   * @throws GatewayProblem 400 for any other text
   */
  byte[] open(String token, String query) {
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (sealed.length <= MAC_BYTES) {
      throw invalid();
    }
    byte[] temporalToken = Arrays.copyOfRange(sealed, MAC_BYTES, sealed.length);
    byte[] expected = Arrays.copyOf(mac(temporalToken, query), MAC_BYTES);
    if (!MessageDigest.isEqual(expected, Arrays.copyOf(sealed, MAC_BYTES))) {
      throw invalid();
    }
    return temporalToken;
  }

  private byte[] mac(byte[] temporalToken, String query) {
    byte[] bound = query.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[bound.length + 1 + temporalToken.length];
    System.arraycopy(bound, 0, message, 0, bound.length);
    System.arraycopy(temporalToken, 0, message, bound.length + 1, temporalToken.length);
    return hmac(key, message);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
    }
  }

  private static GatewayProblem invalid() {
    return GatewayProblem.invalidParameter("pageToken", "is not a token this API handed out");
  }
}
