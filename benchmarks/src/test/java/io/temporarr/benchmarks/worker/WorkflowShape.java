package io.temporarr.benchmarks.worker;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The activity pattern of one completed request, read from its history, that the bare baseline
 * workflow repeats: the activities scheduled before the request waited for the download monitor's
 * signal, and those after it, grouped by the workflow task that scheduled them (a group runs in
 * parallel, as the notifications do; groups run one after the other).
 *
 * @param beforeSignal group sizes until the first signal arrived
 * @param afterSignal group sizes from the first signal on
 * @param signals how many signals the request received
 */
public record WorkflowShape(List<Integer> beforeSignal, List<Integer> afterSignal, int signals) {

  public WorkflowShape {
    beforeSignal = List.copyOf(beforeSignal);
    afterSignal = List.copyOf(afterSignal);
  }

  /** Every activity the request scheduled. */
  public int activities() {
    return beforeSignal.stream().mapToInt(Integer::intValue).sum()
        + afterSignal.stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * @throws IllegalArgumentException when the history schedules no activity, or none before the
   *     first signal (the request registers its download before it can be signalled)
   */
  public static WorkflowShape of(List<HistoryEvent> events) {
    List<Integer> before = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    int signals = 0;
    long lastTask = -1;
    List<Integer> lastGroups = null;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        signals++;
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        long task =
            event.getActivityTaskScheduledEventAttributes().getWorkflowTaskCompletedEventId();
        List<Integer> groups = signals == 0 ? before : after;
        if (task == lastTask && groups == lastGroups) {
          groups.set(groups.size() - 1, groups.get(groups.size() - 1) + 1);
        } else {
          groups.add(1);
        }
        lastTask = task;
        lastGroups = groups;
      }
    }
    if (before.isEmpty()) {
      throw new IllegalArgumentException(
          "no activity before the first signal: not a completed request's history");
    }
    return new WorkflowShape(before, after, signals);
  }
}
