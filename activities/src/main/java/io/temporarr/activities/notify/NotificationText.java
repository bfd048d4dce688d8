package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Text and event-filter rules shared by the chat-style notifiers (Discord, Slack, Gotify, Apprise).
 */
final class NotificationText {

  private NotificationText() {}

  /**
   * The notification's title, or a generic one for its event: these services reject an empty title
   * or message, and a notification without title must still say something.
   */
  static String title(Notification notification) {
    String title = notification.title();
    if (title != null && !title.isBlank()) {
      return title;
    }
    return switch (notification.event()) {
      case STARTED -> "Request started";
      case COMPLETED -> "Request completed";
      case NEEDS_ATTENTION -> "Request needs attention";
      case FAILED -> "Request failed";
    };
  }

  /** The message, or the title when there is none (the body must not be empty). */
  static String body(Notification notification) {
    String message = notification.message();
    return message != null && !message.isBlank() ? message : title(notification);
  }

  /** Cuts to the service's length limit, marking the cut, so a long path never fails a send. */
  static String limit(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split an emoji or other character outside the BMP in two
    }
    return text.substring(0, end) + "…";
  }

  /** An empty filter means every event. */
  static boolean subscribed(Set<RequestEvent> events, RequestEvent event) {
    return events.isEmpty() || events.contains(event);
  }

  static Set<RequestEvent> filter(Set<RequestEvent> events) {
    return events == null ? Set.of() : Set.copyOf(events);
  }

  /** The host and port only: notifier URLs may carry their secret in the path. */
  static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port() + "/…";
  }

  /**
   * The defaults with the configured priorities laid over them.
   *
   * @throws IllegalArgumentException naming the notifier when a priority is missing or out of [min,
   *     max]
   */
  static Map<RequestEvent, Integer> priorities(
      String notifier,
      Map<RequestEvent, Integer> defaults,
      Map<RequestEvent, Integer> configured,
      int min,
      int max) {
    Map<RequestEvent, Integer> merged = new EnumMap<>(defaults);
    if (configured != null) {
      configured.forEach(
          (event, priority) -> {
            if (event == null || priority == null || priority < min || priority > max) {
              throw new IllegalArgumentException(
                  notifier + " priorities must map events to " + min + "…" + max);
            }
            merged.put(event, priority);
          });
    }
    return Map.copyOf(merged);
  }
}
