package io.temporarr.workflows.request.internal;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.RequestSearchAttributes;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.Transition;
import java.util.List;
import org.slf4j.Logger;

/**
 * What the outside sees of a request as it moves: its search attributes (the Web UI's and the
 * gateway's list queries), one log line per change, and the business metrics.
 */
final class RequestVisibility {

  /**
   * Change id of upserting only search attributes that differ from the run's own ({@link
   * RequestSearchAttributes}): runs that upserted every attribute at start and at each transition
   * replay doing so.
   */
  static final String CHANGED_ATTRIBUTES_CHANGE = "upsert-changed-search-attributes";

  static final int CHANGED_ATTRIBUTES = 1;

  // Replay-safe: the SDK's workflow logger stays silent while a worker replays history.
  private static final Logger log = Workflow.getLogger(MediaRequestWorkflowImpl.class);

  private final String workflowId;
  private final MediaRequestInput input;
  private final RequestMetrics metrics;

  /** Upsert only changed search attributes ({@link #CHANGED_ATTRIBUTES_CHANGE}); set by start. */
  private boolean changedOnly;

  RequestVisibility(String workflowId, MediaRequestInput input, RequestMetrics metrics) {
    this.workflowId = workflowId;
    this.input = input;
    this.metrics = metrics;
  }

  /** At the start of every run: decides how this run upserts, then sets what is not set yet. */
  void start(RequestState state, RequestStage stage) {
    changedOnly =
        Workflow.getVersion(CHANGED_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, CHANGED_ATTRIBUTES)
            >= CHANGED_ATTRIBUTES;
    upsert(RequestSearchAttributes.of(input, state, stage, current()));
  }

  /** True when this run upserts only changes, so children can start with their attributes. */
  boolean changedOnly() {
    return changedOnly;
  }

  /** Every state or stage change: search attributes, one log line, metrics. */
  void changed(Transition t) {
    upsert(RequestSearchAttributes.state(t.toState(), t.toStage(), current()));
    log.info(
        "request {} {}/{} -> {}/{} cause={}",
        workflowId,
        t.fromState() == null ? "-" : t.fromState().keyword(),
        t.fromStage() == null ? "-" : t.fromStage().keyword(),
        t.toState().keyword(),
        t.toStage().keyword(),
        t.cause());
    metrics.transitioned(t);
  }

  /**
   * The run's current search attributes when only changes are upserted, else null: every value is
   * written, as runs before the change did.
   */
  private SearchAttributes current() {
    return changedOnly ? Workflow.getTypedSearchAttributes() : null;
  }

  private static void upsert(List<SearchAttributeUpdate<?>> updates) {
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }
}
