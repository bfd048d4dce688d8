package io.temporarr.benchmarks.worker;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Times read from workflow histories. The benchmarks time everything by the server's own event
 * times, so the test JVM's scheduling does not enter the figures.
 */
public final class Histories {

  private Histories() {}

  public static Instant time(HistoryEvent event) {
    Timestamp t = event.getEventTime();
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** When the first activity of that type was scheduled, if it was. */
  public static Optional<Instant> firstScheduled(List<HistoryEvent> events, String activityType) {
    return firstScheduledEvent(events, activityType).map(Histories::time);
  }

  /**
   * When the first activity of that type started (the worker picked it up), if it did. The started
   * event names only its scheduled event, so the type is matched there.
   */
  public static Optional<Instant> firstStarted(List<HistoryEvent> events, String activityType) {
    Optional<HistoryEvent> scheduled = firstScheduledEvent(events, activityType);
    if (scheduled.isEmpty()) {
      return Optional.empty();
    }
    long scheduledId = scheduled.get().getEventId();
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .filter(e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduledId)
        .findFirst()
        .map(Histories::time);
  }

  /** How many activities the history scheduled (each attempt of one activity counts once). */
  public static long activitiesScheduled(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .count();
  }

  /**
   * The activity types in scheduling order, for reports: those scheduled by one workflow task
   * joined by {@code +}, a received signal as {@code |}, e.g. {@code Search, AddDownload | …}.
   */
  public static String activitySequence(List<HistoryEvent> events) {
    StringBuilder out = new StringBuilder();
    long lastTask = -1;
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        out.append(out.length() == 0 ? "|" : " |");
        lastTask = -1;
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        var scheduled = e.getActivityTaskScheduledEventAttributes();
        if (scheduled.getWorkflowTaskCompletedEventId() == lastTask) {
          out.append('+');
        } else if (out.length() > 0) {
          out.append(out.charAt(out.length() - 1) == '|' ? " " : ", ");
        }
        out.append(scheduled.getActivityType().getName());
        lastTask = scheduled.getWorkflowTaskCompletedEventId();
      }
    }
    return out.toString();
  }

  /** How many signals the workflow received. */
  public static long signals(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .count();
  }

  private static Optional<HistoryEvent> firstScheduledEvent(
      List<HistoryEvent> events, String activityType) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(activityType))
        .findFirst();
  }
}
