package io.temporarr.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A configured secret, compared in constant time. Both sides are hashed first so the comparison
 * takes the same time whatever the presented value's length or content; the plain value is not
 * kept.
 */
final class Secret {
  private final byte[] digest;

  Secret(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret must not be blank");
    }
    this.digest = sha256(value);
  }

  boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "Secret[<redacted>]";
  }
}
