package io.temporarr.benchmarks.worker;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds histories event by event for the history readers' tests. */
final class HistoryFixtures {

  private final List<HistoryEvent> events = new ArrayList<>();
  private long workflowTask;

  /** A workflow task completed: the activities scheduled next belong to it. */
  HistoryFixtures task() {
    return task(Instant.EPOCH);
  }

  /** A workflow task the worker started at {@code startedAt} and completed right away. */
  HistoryFixtures task(Instant startedAt) {
    long started = events.size() + 1;
    events.add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, startedAt).build());
    workflowTask = events.size() + 1;
    events.add(
        event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, startedAt)
            .setWorkflowTaskCompletedEventAttributes(
                WorkflowTaskCompletedEventAttributes.newBuilder().setStartedEventId(started))
            .build());
    return this;
  }

  HistoryFixtures scheduled(String type, Instant at) {
    return add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, at)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName(type))
                    .setWorkflowTaskCompletedEventId(workflowTask)));
  }

  HistoryFixtures scheduled(String type) {
    return scheduled(type, Instant.EPOCH);
  }

  /** The activity scheduled by event {@code scheduledEventId} started. */
  HistoryFixtures started(long scheduledEventId, Instant at) {
    return add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, at)
            .setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder()
                    .setScheduledEventId(scheduledEventId)));
  }

  /** The activity scheduled by event {@code scheduledEventId} completed. */
  HistoryFixtures completed(long scheduledEventId, Instant at) {
    return add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, at)
            .setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder()
                    .setScheduledEventId(scheduledEventId)));
  }

  HistoryFixtures signal(String name) {
    return signal(name, Instant.EPOCH);
  }

  HistoryFixtures signal(String name, Instant at) {
    return add(
        event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, at)
            .setWorkflowExecutionSignaledEventAttributes(
                WorkflowExecutionSignaledEventAttributes.newBuilder().setSignalName(name)));
  }

  private HistoryFixtures add(HistoryEvent.Builder event) {
    events.add(event.build());
    return this;
  }

  /** The id the next event will get. */
  long nextId() {
    return events.size() + 1;
  }

  List<HistoryEvent> events() {
    return List.copyOf(events);
  }

  private HistoryEvent.Builder event(EventType type, Instant at) {
    return HistoryEvent.newBuilder()
        .setEventId(events.size() + 1)
        .setEventType(type)
        .setEventTime(
            Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
  }
}
