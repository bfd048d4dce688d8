package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One Apprise API target: either a stateful configuration key stored on the Apprise API server, or
 * a list of Apprise URLs sent with every notification (stateless).
 *
 * @param name the notifier name workflows address it by
 * @param baseUrl the Apprise API server, e.g. {@code http://apprise:8000/}
 * @param key the configuration key ({@code POST /notify/{key}}), or null when {@code urls} is set
 * @param urls Apprise URLs ({@code tgram://…}, {@code mailto://…}) for {@code POST /notify}, or
 *     empty when {@code key} is set; they hold the services' credentials, so they are never logged
 * @param events the events to send; null or empty means every event
 */
public record AppriseSettings(
    String name, HttpUrl baseUrl, String key, List<String> urls, Set<RequestEvent> events) {

  // Letters, digits, "_" and "-": a key is a single URL path segment.
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  public AppriseSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("apprise notifier needs a name");
    }
    if (baseUrl == null) {
      throw new IllegalArgumentException("apprise '" + name + "' needs a base URL");
    }
    key = key == null || key.isBlank() ? null : key;
    urls = urls == null ? List.of() : urls.stream().filter(u -> u != null && !u.isBlank()).toList();
    if ((key == null) == urls.isEmpty()) {
      throw new IllegalArgumentException(
          "apprise '" + name + "' needs either a configuration key or a list of urls, not both");
    }
    if (key != null && !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("apprise '" + name + "' key must match " + KEY.pattern());
    }
    events = NotificationText.filter(events);
  }

  boolean stateless() {
    return key == null;
  }

  /** Keeps the Apprise URLs (they embed credentials) out of logs that print configuration. */
  @Override
  public String toString() {
    return "AppriseSettings[name="
        + name
        + ", baseUrl="
        + baseUrl
        + (stateless() ? ", urls=" + urls.size() + " hidden" : ", key=" + key)
        + ", events="
        + events
        + "]";
  }
}
