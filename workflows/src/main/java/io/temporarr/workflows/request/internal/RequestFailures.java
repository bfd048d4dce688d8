package io.temporarr.workflows.request.internal;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.ErrorInfo;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The failures of one request: how a failure is described for operators ({@link ErrorInfo}, with
 * repeats of the same failure counted), the last one, and since when the request needs attention
 * (the needs-attention timeout runs from there).
 */
final class RequestFailures {
  private final RequestLifecycle lifecycle;
  private final Supplier<Instant> clock;
  private ErrorInfo lastError;
  private Instant attentionSince;

  RequestFailures(RequestLifecycle lifecycle, Supplier<Instant> clock, CarryOver carry) {
    this.lifecycle = lifecycle;
    this.clock = clock;
    if (carry != null) {
      attentionSince = WorkflowClock.parse(carry.attentionSince());
      lastError = carry.lastError();
    }
  }

  ErrorInfo last() {
    return lastError;
  }

  /** Remembers the failure the request acts on now. */
  void record(ErrorInfo info) {
    lastError = info;
  }

  /** Active → NeedsAttention in the same stage, for this failure; the timeout starts now. */
  void needsAttention(ErrorInfo info) {
    lastError = info;
    attentionSince = clock.get();
    lifecycle.transition(
        RequestState.NEEDS_ATTENTION, lifecycle.stage(), info.type(), info.message());
  }

  /** A continued run that carried NeedsAttention without its start starts the timeout now. */
  void resumeAttention() {
    if (lifecycle.state() == RequestState.NEEDS_ATTENTION && attentionSince == null) {
      attentionSince = clock.get();
    }
  }

  /**
   * Waits for an operator ({@code interrupt}) until the needs-attention timeout runs out, measured
   * from when the request began to need attention; wakes early when continue-as-new is suggested.
   *
   * @return false when the timeout ran out
   */
  boolean awaitOperator(Duration needsAttentionTimeout, BooleanSupplier interrupt) {
    Duration remaining = needsAttentionTimeout.minus(Duration.between(attentionSince, clock.get()));
    return remaining.compareTo(Duration.ZERO) > 0
        && Workflow.await(
            remaining,
            () -> interrupt.getAsBoolean() || Workflow.getInfo().isContinueAsNewSuggested());
  }

  /** An operator acted: the request no longer waits for one. */
  void attentionResolved() {
    attentionSince = null;
  }

  /** A side effect that must not fail the request (notifier, library, removal): record it. */
  void sideEffectFailed(String cause, String what, ActivityFailure e) {
    rethrowIfCancelled(e);
    ErrorInfo info = describe(e, e.getActivityType());
    if (lifecycle.state() != RequestState.NEEDS_ATTENTION) {
      lastError = info; // keep the error an operator has to act on
    }
    lifecycle.audit(cause, what + ": " + info.type() + " - " + info.message());
  }

  /** The failure (an activity's, a child's) as operators see it. */
  ErrorInfo describe(RuntimeException failure, String activityType) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String type;
    String message;
    if (cause instanceof ApplicationFailure application) {
      type = application.getType();
      message = application.getOriginalMessage();
    } else if (cause instanceof TimeoutFailure timeout) {
      type = timeout.getTimeoutType().name();
      message = timeout.getOriginalMessage();
    } else if (cause instanceof TemporalFailure temporal) {
      type = temporal.getClass().getSimpleName();
      message = temporal.getOriginalMessage();
    } else {
      type = cause.getClass().getSimpleName();
      message = cause.getMessage();
    }
    return error(type, message, activityType);
  }

  /** A failure in the current stage, counted as a repeat when the last one was the same. */
  ErrorInfo error(String type, String message, String activityType) {
    RequestStage stage = lifecycle.stage();
    boolean same =
        lastError != null
            && lastError.stage() == stage
            && Objects.equals(type, lastError.type())
            && Objects.equals(activityType, lastError.activityType());
    return new ErrorInfo(
        clock.get().toString(),
        stage,
        type,
        message,
        activityType,
        same ? lastError.attempts() + 1 : 1);
  }

  /**
   * What is wrong with the download by its client's own account (failed, missing, or stalled when
   * {@code stalled}); null when nothing is, or not yet.
   */
  ErrorInfo downloadFault(DownloadStatus status, boolean stalled, Duration stallTimeout) {
    String activity = ActivityTypes.DOWNLOAD_STATUS;
    return switch (status.state()) {
      case FAILED ->
          error(
              Causes.DOWNLOAD_FAILED,
              status.message() == null ? "the client reports an error" : status.message(),
              activity);
      case MISSING ->
          error(
              Causes.DOWNLOAD_MISSING, "the download client no longer has the download", activity);
      default ->
          stalled
              ? error(
                  Causes.STALLED,
                  String.format(
                      Locale.ROOT,
                      "no progress for %s (at %.1f%%)",
                      stallTimeout,
                      status.progress() * 100),
                  activity)
              : null;
    };
  }

  void carry(CarryOver.Builder carry) {
    carry.attentionSince(WorkflowClock.iso(attentionSince)).lastError(lastError);
  }

  /** An activity failed because the request is being cancelled: cancel, do not handle it. */
  static void rethrowIfCancelled(TemporalFailure e) {
    if (e.getCause() instanceof CanceledFailure cancelled) {
      throw cancelled;
    }
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("request cancelled");
    }
  }
}
