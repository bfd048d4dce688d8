package io.temporarr.gateway.observability;

import io.temporarr.gateway.Answer;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** How a webhook delivery ended, the {@code outcome} tag of {@code temporarr_webhooks_total}. */
enum WebhookOutcome {
  /** A request workflow was started. */
  STARTED,
  /** A signal, cancel or action reached a running workflow. */
  SIGNALLED,
  /** A start that found the run an earlier delivery had started. */
  DUPLICATE,
  /** Authentic, but nothing to do (200). */
  IGNORED,
  /** Kept in the durable inbox because Temporal was unreachable. */
  QUEUED,
  /** Refused for its content: 400, 404, 409, 413, 415, 422. */
  REJECTED,
  /** Missing or wrong credential or signature. */
  UNAUTHORIZED,
  /** The source's rate limit was used up. */
  RATE_LIMITED,
  /** The gateway or Temporal failed (5xx). */
  FAILED;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WebhookOutcome of(Answer answer) {
    if (Answer.QUEUED.equals(answer.status())) {
      return QUEUED;
    }
    if (!answer.isAccepted()) {
      return IGNORED;
    }
    if (answer.runId() == null) {
      return SIGNALLED;
    }
    return Boolean.TRUE.equals(answer.alreadyExisted()) ? DUPLICATE : STARTED;
  }

  /** From the status alone, for answers without an {@link Answer} body (problems). */
  static WebhookOutcome of(int status) {
    if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
      return UNAUTHORIZED;
    }
    if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
      return RATE_LIMITED;
    }
    if (status >= 400 && status < 500) {
      return REJECTED;
    }
    if (status == HttpStatus.ACCEPTED.value()) {
      return SIGNALLED;
    }
    return status >= 200 && status < 300 ? IGNORED : FAILED;
  }
}
