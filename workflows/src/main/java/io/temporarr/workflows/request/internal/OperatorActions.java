package io.temporarr.workflows.request.internal;

import io.temporal.workflow.Workflow;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.search.Release;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Operator actions on a request (retry, skip the release, choose a release) and the rules for when
 * each makes sense. Signals and updates only queue an action; the main loop applies the queue
 * between steps, so an action never lands in the middle of one. An action that makes no sense is
 * rejected by an update's validator, or recorded in the audit log and ignored (a signal, or a state
 * that changed while it was queued). Cancel is not queued: it cancels the running step.
 */
final class OperatorActions {

  /** Queued kinds of action; their names appear in the audit log. */
  enum Op {
    RETRY,
    SKIP,
    CHOOSE
  }

  private record Pending(long seq, Op op, OperatorAction action, String releaseKey) {}

  private final Deque<Pending> queue = new ArrayDeque<>();
  private final AppliedEvents appliedEvents;
  private final RequestLifecycle lifecycle;
  private final ReleaseAttempts releases;
  private long queued;
  private long applied;

  OperatorActions(
      AppliedEvents appliedEvents, RequestLifecycle lifecycle, ReleaseAttempts releases) {
    this.appliedEvents = appliedEvents;
    this.lifecycle = lifecycle;
    this.releases = releases;
  }

  /** True while an action waits for the main loop. */
  boolean pending() {
    return !queue.isEmpty();
  }

  /** The batch signal: queues the action, or records why it makes no sense now. */
  void signal(RequestActionSignal signal, Consumer<OperatorAction> cancel) {
    if (signal == null || signal.kind() == null) {
      return;
    }
    OperatorAction action = orUnknown(signal.action());
    if (!appliedEvents.add(action.eventId())) {
      return;
    }
    String rejection = rejection(signal.kind());
    if (rejection != null) {
      lifecycle.audit(
          Causes.ACTION_REJECTED, signal.kind() + " by " + who(action) + ": " + rejection);
      return;
    }
    switch (signal.kind()) {
      case RETRY -> enqueue(Op.RETRY, action, null);
      case SKIP_RELEASE -> enqueue(Op.SKIP, action, null);
      case CANCEL -> cancel.accept(action);
    }
  }

  /** An update's validator: a repeated event passes (it is answered, not applied again). */
  void validate(ActionKind kind, OperatorAction action) {
    if (!appliedEvents.contains(eventId(action))) {
      reject(rejection(kind));
    }
  }

  void validate(ChooseRelease choice) {
    if (choice == null) {
      throw new IllegalArgumentException("a choice is required");
    }
    if (appliedEvents.contains(choice.eventId())) {
      return;
    }
    if (choice.releaseKey() == null || releases.find(choice.releaseKey()) == null) {
      throw new IllegalArgumentException(
          "releaseKey must be the guid or infohash of a release of the last search");
    }
    reject(chooseRejection(choice.releaseKey()));
  }

  /** The chooseRelease update, as a queued action. */
  void choose(ChooseRelease choice) {
    submit(
        Op.CHOOSE,
        new OperatorAction(choice.eventId(), choice.actor(), "chose " + choice.releaseKey()),
        choice.releaseKey());
  }

  /**
   * An update: queues the action and returns once the main loop applied it (or the request ended),
   * so the caller sees its effect. A repeated event returns at once.
   */
  void submit(Op op, OperatorAction action, String releaseKey) {
    OperatorAction a = orUnknown(action);
    if (!appliedEvents.add(a.eventId())) {
      return;
    }
    long seq = enqueue(op, a, releaseKey);
    Workflow.await(() -> applied >= seq || lifecycle.isFinal());
  }

  /**
   * Applies the oldest queued action through the given effects, or records why it no longer makes
   * sense; false when none is queued.
   */
  boolean applyNext(
      Consumer<OperatorAction> retry,
      Consumer<OperatorAction> skip,
      BiConsumer<OperatorAction, Release> choose) {
    Pending pending = queue.poll();
    if (pending == null) {
      return false;
    }
    try {
      String rejection =
          switch (pending.op()) {
            case RETRY -> retryRejection();
            case SKIP -> skipRejection();
            case CHOOSE -> chooseRejection(pending.releaseKey());
          };
      if (rejection != null) {
        lifecycle.audit(
            Causes.ACTION_IGNORED,
            pending.op() + " by " + who(pending.action()) + ": " + rejection);
        return true;
      }
      switch (pending.op()) {
        case RETRY -> retry.accept(pending.action());
        case SKIP -> skip.accept(pending.action());
        case CHOOSE -> choose.accept(pending.action(), releases.find(pending.releaseKey()));
      }
    } finally {
      applied = pending.seq();
    }
    return true;
  }

  /** Who acted and why, for the audit log. */
  static String who(OperatorAction action) {
    String actor = action.actor() == null ? "unknown" : action.actor();
    return action.reason() == null ? actor : actor + " (" + action.reason() + ")";
  }

  static OperatorAction orUnknown(OperatorAction action) {
    return action == null ? new OperatorAction(null, null, null) : action;
  }

  static String eventId(OperatorAction action) {
    return action == null ? null : action.eventId();
  }

  private long enqueue(Op op, OperatorAction action, String releaseKey) {
    long seq = ++queued;
    queue.add(new Pending(seq, op, action, releaseKey));
    return seq;
  }

  private String rejection(ActionKind kind) {
    return switch (kind) {
      case RETRY -> retryRejection();
      case SKIP_RELEASE -> skipRejection();
      case CANCEL -> cancelRejection();
    };
  }

  private String retryRejection() {
    return lifecycle.state() == RequestState.NEEDS_ATTENTION
        ? null
        : "retry is only possible in NeedsAttention, the request is " + lifecycle.state().keyword();
  }

  private String skipRejection() {
    if (lifecycle.isFinal()) {
      return "the request is " + lifecycle.state().keyword();
    }
    boolean releaseStage =
        lifecycle.stage() == RequestStage.DOWNLOAD || lifecycle.stage() == RequestStage.PROCESS;
    return releases.current() != null && releaseStage
        ? null
        : "there is no current release to skip";
  }

  private String chooseRejection(String releaseKey) {
    if (lifecycle.isFinal()) {
      return "the request is " + lifecycle.state().keyword();
    }
    if (lifecycle.stage() == RequestStage.NOTIFY) {
      return "the media is already imported";
    }
    Release chosen = releaseKey == null ? null : releases.find(releaseKey);
    if (chosen == null) {
      return "no release " + releaseKey + " in the last search";
    }
    return chosen.equals(releases.current()) ? "that release is already the current one" : null;
  }

  private String cancelRejection() {
    return lifecycle.isFinal() ? "the request is already " + lifecycle.state().keyword() : null;
  }

  private static void reject(String rejection) {
    if (rejection != null) {
      throw new IllegalStateException(rejection);
    }
  }
}
