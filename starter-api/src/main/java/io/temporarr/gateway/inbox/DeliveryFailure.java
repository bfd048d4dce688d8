package io.temporarr.gateway.inbox;

/**
 * Why an inbox entry was not delivered, and so what the drainer does with it. The reason is logged
 * and stored with the entry: it names the failure, never the payload.
 */
public final class DeliveryFailure extends Exception {

  public enum Kind {
    /** Temporal did not answer (down, overloaded, timed out): retried with back-off, forever. */
    UNREACHABLE,
    /**
     * Temporal refused the entry for good (validation, no such workflow): a dead letter at once.
     */
    REJECTED,
    /** Anything else: retried with back-off, a dead letter after {@code max-attempts}. */
    FAILED
  }

  private final Kind kind;

  private DeliveryFailure(Kind kind, String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.kind = kind;
  }

  public static DeliveryFailure unreachable(String reason, Throwable cause) {
    return new DeliveryFailure(Kind.UNREACHABLE, reason, cause);
  }

  public static DeliveryFailure rejected(String reason, Throwable cause) {
    return new DeliveryFailure(Kind.REJECTED, reason, cause);
  }

  public static DeliveryFailure failed(String reason, Throwable cause) {
    return new DeliveryFailure(Kind.FAILED, reason, cause);
  }

  public Kind kind() {
    return kind;
  }
}
