package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What the chat and push notifiers (Discord, Slack, Gotify, Apprise) share: the event filter, one
 * call through {@link NotifierCalls}, no redirects. Each subclass only builds its request.
 */
abstract class ChatNotifier implements Notifier {

  private final OkHttpClient client;
  private final String name;
  private final String service;
  private final Set<RequestEvent> events;

  /**
   * @param client the shared client; redirects are turned off ({@link
   *     NotifierCalls#withoutRedirects})
   * @param kind the service kind failure messages start with, e.g. {@code discord}
   */
  ChatNotifier(OkHttpClient client, String kind, String name, Set<RequestEvent> events) {
    this.client = NotifierCalls.withoutRedirects(client).build();
    this.name = name;
    this.service = kind + " '" + name + "'";
    this.events = events;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean send(Notification notification) {
    if (!NotificationText.subscribed(events, notification.event())) {
      return false;
    }
    NotifierCalls.send(client, request(notification), service);
    return true;
  }

  /** The one HTTP request that delivers the notification. */
  abstract Request request(Notification notification);
}
