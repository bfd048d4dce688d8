package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One Gotify application.
 *
 * @param name the notifier name workflows address it by
 * @param baseUrl the Gotify server, e.g. {@code https://gotify.example.org/}
 * @param token the application token, sent as {@code X-Gotify-Key} (never in the query, where it
 *     would reach access logs)
 * @param priorities Gotify priority (0 … 10) per event; missing events use {@link
 *     #DEFAULT_PRIORITIES}
 * @param events the events to send; null or empty means every event
 */
public record GotifySettings(
    String name,
    HttpUrl baseUrl,
    String token,
    Map<RequestEvent, Integer> priorities,
    Set<RequestEvent> events) {

  /**
   * Gotify's Android app rings from priority 8 and shows a silent notification from 4: problems
   * ring, completions notify, starts stay quiet.
   */
  public static final Map<RequestEvent, Integer> DEFAULT_PRIORITIES =
      Map.of(
          RequestEvent.STARTED, 2,
          RequestEvent.COMPLETED, 5,
          RequestEvent.NEEDS_ATTENTION, 8,
          RequestEvent.FAILED, 8);

  public GotifySettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("gotify notifier needs a name");
    }
    if (baseUrl == null) {
      throw new IllegalArgumentException("gotify '" + name + "' needs a base URL");
    }
    if (!HeaderValues.isSendable(token)) {
      throw new IllegalArgumentException(
          "gotify '" + name + "' needs an application token an HTTP header can carry");
    }
    priorities =
        NotificationText.priorities("gotify '" + name + "'", DEFAULT_PRIORITIES, priorities, 0, 10);
    events = NotificationText.filter(events);
  }

  /** Keeps the application token out of logs that print configuration. */
  @Override
  public String toString() {
    return "GotifySettings[name="
        + name
        + ", baseUrl="
        + baseUrl
        + ", token=***, priorities="
        + priorities
        + ", events="
        + events
        + "]";
  }
}
