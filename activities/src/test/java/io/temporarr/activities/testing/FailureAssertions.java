package io.temporarr.activities.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one way tests check the failure an activity or client throws. */
public final class FailureAssertions {

  public static final boolean RETRYABLE = true;
  public static final boolean NON_RETRYABLE = false;

  private FailureAssertions() {}

  /**
   * Asserts {@code call} throws an {@link ApplicationFailure} of {@code type} with the given
   * retryability, and returns it for further checks (its message, usually).
   */
  public static ApplicationFailure assertFailure(
      ThrowingCallable call, String type, boolean retryable) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown;
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).as("non-retryable").isEqualTo(!retryable);
    return failure;
  }
}
