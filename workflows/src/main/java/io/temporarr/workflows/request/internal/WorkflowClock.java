package io.temporarr.workflows.request.internal;

import io.temporal.workflow.Workflow;
import java.time.Instant;

/** Workflow time (replay-safe) and the ISO-8601 text a carry-over keeps instants in. */
final class WorkflowClock {
  private WorkflowClock() {}

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static Instant parse(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
