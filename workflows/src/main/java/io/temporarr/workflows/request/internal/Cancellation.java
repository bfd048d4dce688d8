package io.temporarr.workflows.request.internal;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestState;

/**
 * Cancelling a request, by an operator (the cancel update, the batch signal) or through Temporal (a
 * client, the parent): the request's work runs in one cancellation scope, and the compensation
 * removes the download and records who cancelled.
 */
final class Cancellation {
  private final RequestLifecycle lifecycle;
  private final DownloadWatch watch;
  private final SideEffects sideEffects;
  private CancellationScope mainScope;
  private OperatorAction cancelAction;

  Cancellation(RequestLifecycle lifecycle, DownloadWatch watch, SideEffects sideEffects) {
    this.lifecycle = lifecycle;
    this.watch = watch;
    this.sideEffects = sideEffects;
  }

  /** Runs the request's work in a scope an operator can cancel (at once, if one already did). */
  void run(Runnable work) {
    mainScope = Workflow.newCancellationScope(work);
    if (cancelAction != null) {
      mainScope.cancel();
    }
    mainScope.run();
  }

  /** An operator cancels: the first one is recorded, the work is cancelled. */
  void request(OperatorAction action) {
    if (cancelAction == null) {
      cancelAction = action;
    }
    if (mainScope != null) {
      mainScope.cancel();
    }
  }

  /** True when an operator cancelled (the request then completes as Cancelled). */
  boolean byOperator() {
    return cancelAction != null;
  }

  /** Runs in a detached scope: the request is cancelled, its clean-up must still run. */
  void compensate(RequestPolicy policy) {
    DownloadHandle download = watch.handle();
    if (download != null) {
      sideEffects.remove(download, policy != null && policy.deleteFilesOnCancel());
      watch.removed();
    }
    if (!lifecycle.isFinal()) {
      lifecycle.transition(
          RequestState.CANCELLED,
          lifecycle.stage(),
          cancelAction == null ? Causes.WORKFLOW_CANCELLED : Causes.OPERATOR_CANCEL,
          cancelAction == null
              ? "cancel requested through Temporal"
              : OperatorActions.who(cancelAction));
    }
  }
}
