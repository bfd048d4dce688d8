package io.temporarr.benchmarks.worker;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporarr.workflows.common.ActivityTypes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * When the request was woken for its download and each step to the import happened: the last
   * signal before the first {@code DownloadStatus} was scheduled, then the scheduled, started and
   * completed times of {@code DownloadStatus} and {@code VerifyDownload}, and the scheduled and
   * started times of {@code ImportMedia}. Steps the history does not hold are left out.
   */
  public static Map<String, Instant> importMilestones(List<HistoryEvent> events) {
    Map<String, Instant> milestones = new LinkedHashMap<>();
    Optional<HistoryEvent> status = firstScheduledEvent(events, ActivityTypes.DOWNLOAD_STATUS);
    status
        .flatMap(
            s ->
                events.stream()
                    .filter(e -> e.getEventId() < s.getEventId())
                    .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                    .reduce((first, second) -> second))
        .ifPresent(
            signal ->
                milestones.put(
                    "signal "
                        + signal.getWorkflowExecutionSignaledEventAttributes().getSignalName(),
                    time(signal)));
    for (String type :
        List.of(
            ActivityTypes.DOWNLOAD_STATUS,
            ActivityTypes.VERIFY_DOWNLOAD,
            ActivityTypes.IMPORT_MEDIA)) {
      Optional<HistoryEvent> scheduled = firstScheduledEvent(events, type);
      if (scheduled.isEmpty()) {
        continue;
      }
      long id = scheduled.get().getEventId();
      // The workflow task that scheduled it: when the worker picked it up (its processing time
      // and its wait in the task queue show apart).
      long taskCompleted =
          scheduled
              .get()
              .getActivityTaskScheduledEventAttributes()
              .getWorkflowTaskCompletedEventId();
      event(events, taskCompleted)
          .flatMap(
              c -> event(events, c.getWorkflowTaskCompletedEventAttributes().getStartedEventId()))
          .ifPresent(started -> milestones.put(type + " task started", time(started)));
      milestones.put(type + " scheduled", time(scheduled.get()));
      events.stream()
          .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
          .filter(e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId() == id)
          .findFirst()
          .ifPresent(e -> milestones.put(type + " started", time(e)));
      if (!type.equals(ActivityTypes.IMPORT_MEDIA)) {
        events.stream()
            .filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
            .filter(e -> e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == id)
            .findFirst()
            .ifPresent(e -> milestones.put(type + " completed", time(e)));
      }
    }
    return milestones;
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

  private static Optional<HistoryEvent> event(List<HistoryEvent> events, long id) {
    return events.stream().filter(e -> e.getEventId() == id).findFirst();
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
