package io.temporarr.worker.integrations;

/**
 * A configured credential (API key, password, token). Spring binds it from a plain string through
 * the public constructor; {@link #toString()} never shows the value, so logged or printed
 * configuration cannot leak it.
 */
public record Secret(String value) {

  @Override
  public String toString() {
    return "***";
  }

  /** The value, or null for an absent or blank secret. */
  static String valueOf(Secret secret) {
    return secret == null || secret.value() == null || secret.value().isBlank()
        ? null
        : secret.value();
  }
}
