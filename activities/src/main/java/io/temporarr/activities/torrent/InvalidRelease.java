package io.temporarr.activities.torrent;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;

/** The one way this package rejects input: the same bytes would fail again, so never retry. */
final class InvalidRelease {

  private InvalidRelease() {}

  static ApplicationFailure because(String detail) {
    return ApplicationFailure.newNonRetryableFailure(detail, ErrorTypes.INVALID_RELEASE);
  }
}
