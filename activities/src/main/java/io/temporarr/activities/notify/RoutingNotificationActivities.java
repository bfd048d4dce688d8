package io.temporarr.activities.notify;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.NotificationActivities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each notification to the one notifier the workflow names.
 *
 * <p>Idempotency: the workflow schedules one activity per notifier, so Temporal's retry of a failed
 * send never repeats a notifier that already succeeded. Within one notifier, the notification's
 * idempotency key travels as the webhook's {@code Idempotency-Key} header so the receiver drops
 * repeats; ntfy, Discord, Slack, Gotify and the Apprise API have no such mechanism, so a retry
 * after a lost answer may show the message twice (see each notifier). An event the notifier is not
 * subscribed to is a successful no-op.
 *
 * <p>Failures: HTTP outcomes as mapped by {@code HttpFailures}; non-retryable {@link
 * ErrorTypes#CONFIGURATION} for an unknown notifier name; non-retryable {@link
 * ErrorTypes#BAD_REQUEST} for a notification without event or usable idempotency key.
 */
public final class RoutingNotificationActivities implements NotificationActivities {

  private final Map<String, Notifier> notifiers = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException when two notifiers share a name
   */
  public RoutingNotificationActivities(List<Notifier> notifiers) {
    for (Notifier notifier : notifiers) {
      if (this.notifiers.putIfAbsent(notifier.name(), notifier) != null) {
        throw new IllegalArgumentException("two notifiers are named '" + notifier.name() + "'");
      }
    }
  }

  @Override
  public void sendNotification(String notifier, Notification notification) {
    Notifier target = notifiers.get(notifier);
    if (target == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no notifier named '" + notifier + "' is configured (known: " + notifiers.keySet() + ")",
          ErrorTypes.CONFIGURATION);
    }
    if (notification == null || notification.event() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "notification for '" + notifier + "' has no event", ErrorTypes.BAD_REQUEST);
    }
    if (!HeaderValues.isSendable(notification.idempotencyKey())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "notification for '" + notifier + "' needs an ASCII idempotency key",
          ErrorTypes.BAD_REQUEST);
    }
    target.send(notification);
  }
}
