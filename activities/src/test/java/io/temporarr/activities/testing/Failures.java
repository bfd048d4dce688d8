package io.temporarr.activities.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the Temporal failures activities raise. */
public final class Failures {

  private Failures() {}

  /** The call throws an {@link ApplicationFailure} of this type and retryability. */
  public static void assertFailure(ThrowingCallable call, String type, boolean retryable) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> is(failure, type, retryable));
  }

  /**
   * What a workflow sees: the call through an activity stub fails with an {@link ActivityFailure}
   * caused by an {@link ApplicationFailure} of this type and retryability.
   */
  public static void assertActivityFailure(ThrowingCallable call, String type, boolean retryable) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> is(failure, type, retryable));
  }

  private static void is(ApplicationFailure failure, String type, boolean retryable) {
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
  }
}
