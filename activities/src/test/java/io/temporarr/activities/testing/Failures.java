package io.temporarr.activities.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
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

  /**
   * A stub that makes one attempt per call, so a test sees the failure the retry policy would
   * judge.
   */
  public static <T> T oneAttemptStub(TestActivityEnvironment environment, Class<T> activities) {
    return environment.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(15))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private static void is(ApplicationFailure failure, String type, boolean retryable) {
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
  }
}
