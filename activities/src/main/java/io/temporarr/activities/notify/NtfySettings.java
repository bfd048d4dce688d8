package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One ntfy topic.
 *
 * @param name the notifier name workflows address it by
 * @param baseUrl the ntfy server, e.g. {@code https://ntfy.sh/}
 * @param topic the topic; on a public server without access control its name is the only secret
 * @param token access token ({@code tk_…}) sent as Bearer, or null
 * @param username Basic-auth user (with {@code password}), or null; not combined with a token
 * @param password Basic-auth password, or null
 * @param priorities ntfy priority (1 min … 5 max) per event; missing events use {@link
 *     #DEFAULT_PRIORITIES}
 * @param events the events to send; null or empty means every event
 */
public record NtfySettings(
    String name,
    HttpUrl baseUrl,
    String topic,
    String token,
    String username,
    String password,
    Map<RequestEvent, Integer> priorities,
    Set<RequestEvent> events) {

  /** Problems (needs attention, failed) are high (4) so they break through do-not-disturb lists. */
  public static final Map<RequestEvent, Integer> DEFAULT_PRIORITIES =
      Map.of(
          RequestEvent.STARTED, 2,
          RequestEvent.COMPLETED, 3,
          RequestEvent.NEEDS_ATTENTION, 4,
          RequestEvent.FAILED, 4);

  // ntfy's own topic rule (server/server.go topicRegex).
  private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

  public NtfySettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("ntfy notifier needs a name");
    }
    if (baseUrl == null) {
      throw new IllegalArgumentException("ntfy '" + name + "' needs a base URL");
    }
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("ntfy '" + name + "' topic must match " + TOPIC.pattern());
    }
    if (token != null && !HeaderValues.isSendable(token)) {
      throw new IllegalArgumentException(
          "ntfy '" + name + "' token holds characters an HTTP header cannot carry");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "ntfy '" + name + "' needs both username and password, or neither");
    }
    if (token != null && username != null) {
      throw new IllegalArgumentException(
          "ntfy '" + name + "' takes a token or username/password, not both");
    }
    if (username != null && username.contains(":")) {
      throw new IllegalArgumentException("ntfy '" + name + "' username must not contain ':'");
    }
    priorities =
        NotificationText.priorities("ntfy '" + name + "'", DEFAULT_PRIORITIES, priorities, 1, 5);
    events = events == null ? Set.of() : Set.copyOf(events);
  }

  /** Anonymous publishing, no Authorization header. */
  public static NtfySettings anonymous(String name, HttpUrl baseUrl, String topic) {
    return new NtfySettings(name, baseUrl, topic, null, null, null, null, null);
  }

  boolean subscribesTo(RequestEvent event) {
    return events.isEmpty() || events.contains(event);
  }

  int priorityFor(RequestEvent event) {
    return priorities.get(event);
  }

  /** Keeps the token and password out of logs that print configuration. */
  @Override
  public String toString() {
    return "NtfySettings[name="
        + name
        + ", baseUrl="
        + baseUrl
        + ", topic=***, auth="
        + (token != null ? "token" : username != null ? "basic(" + username + ")" : "none")
        + ", priorities="
        + priorities
        + ", events="
        + events
        + "]";
  }
}
