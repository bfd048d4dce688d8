package io.temporarr.activities.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

final class TorrentAssertions {

  private TorrentAssertions() {}

  /** The call fails with a non-retryable InvalidRelease, not with any other exception. */
  static void assertInvalidRelease(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ApplicationFailure.class, TorrentAssertions::isInvalidRelease);
  }

  /** Either the call returns, or it fails with InvalidRelease: never NPE, IOOBE, overflow … */
  static void assertReturnsOrInvalidRelease(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      isInvalidRelease(failure);
    }
  }

  private static void isInvalidRelease(ApplicationFailure failure) {
    assertThat(failure.getType()).isEqualTo(ErrorTypes.INVALID_RELEASE);
    assertThat(failure.isNonRetryable()).isTrue();
  }
}
