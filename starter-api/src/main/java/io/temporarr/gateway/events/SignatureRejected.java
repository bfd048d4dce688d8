package io.temporarr.gateway.events;

/**
 * The verifier's only failure: the signature headers of a delivery do not hold. The message is the
 * reason's text, safe to return to the sender: it names what is wrong, never a key or a value.
 */
public final class SignatureRejected extends Exception {

  /** Why a delivery was refused. */
  public enum Reason {
    MISSING_HEADERS(
        "webhook-id, webhook-timestamp and webhook-signature are all required (Standard Webhooks"
            + " v1)."),
    MALFORMED_ID("webhook-id must be 1 to 256 visible ASCII characters."),
    MALFORMED_TIMESTAMP("webhook-timestamp must be the signing time in Unix seconds."),
    STALE_TIMESTAMP(
        "webhook-timestamp is more than 5 minutes in the past: sign every delivery attempt when"
            + " it is sent."),
    FUTURE_TIMESTAMP(
        "webhook-timestamp is more than 5 minutes in the future: check the sender's clock."),
    MALFORMED_SIGNATURE(
        "webhook-signature must hold at least one v1,<base64 HMAC-SHA256> entry (space-separated)."),
    NO_MATCHING_SIGNATURE("No v1 signature in webhook-signature matches a configured secret.");

    private final String detail;

    Reason(String detail) {
      this.detail = detail;
    }

    public String detail() {
      return detail;
    }
  }

  private final Reason reason;

  SignatureRejected(Reason reason) {
    // No stack trace: rejections are routine and may be triggered at will by any caller.
    super(reason.detail(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
