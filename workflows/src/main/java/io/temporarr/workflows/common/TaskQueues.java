package io.temporarr.workflows.common;

/** Task queue names. The only place a task-queue string may appear. */
public final class TaskQueues {
  /** Every request workflow, season child, download monitor and their activities. */
  public static final String MEDIA_REQUESTS = "media-requests";

  private TaskQueues() {}
}
