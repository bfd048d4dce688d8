package io.temporarr.workflows.request.internal;

import com.uber.m3.tally.Scope;
import io.temporarr.workflows.common.MetricNames;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Business metrics of one request, emitted through the workflow's metrics scope ({@code
 * Workflow.getMetricsScope()}): the SDK suppresses them while replaying, so every transition is
 * counted once, and the worker bridges the scope to Micrometer. Tags carry states, stages, causes
 * and notifier names only (bounded), never the workflow ID.
 */
final class RequestMetrics {

  private final Supplier<Scope> scope;
  private Instant stageEnteredAt;
  private Instant requestedAt;

  /**
   * @param scope the workflow's metrics scope, looked up per use (the SDK's scope is replay-aware)
   * @param history the audit log carried over from a previous run (empty for a fresh request): it
   *     tells when the current stage was entered and when the request started, if still kept
   */
  RequestMetrics(Supplier<Scope> scope, List<Transition> history) {
    this.scope = scope;
    for (Transition t : history) {
      if (Causes.REQUEST_STARTED.equals(t.cause())) {
        requestedAt = Instant.parse(t.at());
      }
      if (t.fromStage() != t.toStage()) {
        stageEnteredAt = Instant.parse(t.at());
      }
    }
  }

  /** Counts a transition and, when it leaves a stage or ends the request, the stage's duration. */
  void transitioned(Transition t) {
    Instant at = Instant.parse(t.at());
    scope
        .get()
        .tagged(
            Map.of(
                MetricNames.TAG_STATE, t.toState().keyword(),
                MetricNames.TAG_STAGE, t.toStage().keyword(),
                MetricNames.TAG_CAUSE, t.cause()))
        .counter(MetricNames.REQUEST_TRANSITIONS)
        .inc(1);
    if (t.fromStage() == null) {
      requestedAt = at;
      stageEnteredAt = at;
      return;
    }
    boolean leftStage = t.fromStage() != t.toStage() || t.toState().isFinal();
    if (leftStage && stageEnteredAt != null) {
      scope
          .get()
          .tagged(Map.of(MetricNames.TAG_STAGE, t.fromStage().keyword()))
          .timer(MetricNames.STAGE_DURATION)
          .record(com.uber.m3.util.Duration.ofNanos(nanos(stageEnteredAt, at)));
    }
    if (leftStage) {
      stageEnteredAt = at;
    }
    if (t.toState().isFinal()) {
      scope
          .get()
          .tagged(Map.of(MetricNames.TAG_STATE, t.toState().keyword()))
          .counter(MetricNames.REQUESTS_FINISHED)
          .inc(1);
      if (t.toState() == RequestState.COMPLETED && requestedAt != null) {
        scope
            .get()
            .timer(MetricNames.REQUEST_TO_AVAILABLE)
            .record(com.uber.m3.util.Duration.ofNanos(nanos(requestedAt, at)));
      }
    }
  }

  void stallDetected() {
    scope.get().counter(MetricNames.STALLS_DETECTED).inc(1);
  }

  void notifierFailed(String notifier) {
    scope
        .get()
        .tagged(Map.of(MetricNames.TAG_NOTIFIER, notifier))
        .counter(MetricNames.NOTIFIER_FAILURES)
        .inc(1);
  }

  private static long nanos(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos());
  }
}
