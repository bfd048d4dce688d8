package io.temporarr.workflows.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Port: user-facing notifiers (ntfy, generic JSON webhook, …). */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Sends the notification through the one named notifier. One call per notifier, so a retry never
   * re-sends through a notifier that already succeeded.
   *
   * <p>Idempotent: the notification's idempotency key travels with the message. Failures: HTTP
   * failures as mapped by HttpFailures; {@code ConfigurationError} for an unknown notifier name.
   */
  @ActivityMethod
  void sendNotification(String notifier, Notification notification);
}
