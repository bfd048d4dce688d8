package io.temporarr.gateway.problem;

import java.io.IOException;
import java.time.Duration;

/**
 * Raised while a body is being read, once reading it has taken longer than the gateway allows
 * ({@code temporarr.gateway.admission.body-read-timeout}). An {@link IOException} because it
 * surfaces from stream reads; the exception handler turns it into 408 wherever Spring wraps it.
 */
public final class BodyReadTimeoutException extends IOException {
  private final Duration timeout;

  public BodyReadTimeoutException(Duration timeout) {
    super("request body not received within " + timeout);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
