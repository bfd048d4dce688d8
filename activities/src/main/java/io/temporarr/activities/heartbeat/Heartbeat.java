package io.temporarr.activities.heartbeat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Tells Temporal that an activity attempt is still alive, so a worker that dies mid-attempt is
 * noticed after the activity's heartbeat timeout instead of its (long) start-to-close timeout.
 *
 * <p>Call it as often as convenient: the SDK sends at most one heartbeat per throttle interval (80%
 * of the heartbeat timeout) and keeps only the latest details. Details must never carry a secret:
 * they are stored in the workflow history.
 */
@FunctionalInterface
public interface Heartbeat {

  /** For code run outside an activity (plain unit tests, tools): beats go nowhere. */
  Heartbeat NONE = details -> {};

  /**
   * @param details progress worth keeping for a later attempt (e.g. bytes copied), or null
   * @throws io.temporal.client.ActivityCompletionException when the attempt was cancelled, timed
   *     out or its workflow is gone: the caller must stop its work and let the exception propagate
   */
  void beat(Object details);

  /** The current activity attempt's heartbeat; call it on the activity's own thread. */
  static Heartbeat ofCurrentActivity() {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return context::heartbeat;
  }
}
