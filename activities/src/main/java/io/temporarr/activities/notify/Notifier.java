package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;

/** One configured user-facing notification channel (an ntfy topic, a generic webhook, …). */
public interface Notifier {

  /** The configured name the workflow addresses this notifier by; never a secret. */
  String name();

  /**
   * Delivers the notification with one HTTP call.
   *
   * @return true when sent; false when this notifier is not subscribed to the notification's event
   *     (nothing is sent)
   * @throws io.temporal.failure.ApplicationFailure as mapped by {@code HttpFailures}; the message
   *     names the host but neither the URL path (tokens live there) nor any credential
   */
  boolean send(Notification notification);
}
