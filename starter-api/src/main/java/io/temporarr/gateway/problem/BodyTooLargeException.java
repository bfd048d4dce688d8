package io.temporarr.gateway.problem;

import java.io.IOException;

/**
 * Raised while a body without a declared length is being read, once it passes the limit. An {@link
 * IOException} because it surfaces from stream reads; the exception handler turns it into 413
 * wherever Spring wraps it.
 */
public final class BodyTooLargeException extends IOException {
  private final long limitBytes;

  public BodyTooLargeException(long limitBytes) {
    super("request body exceeds " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
