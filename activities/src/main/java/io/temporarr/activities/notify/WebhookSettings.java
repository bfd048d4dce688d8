package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One generic JSON webhook.
 *
 * @param name the notifier name workflows address it by
 * @param url where to POST; may carry a token in its path, so it is never logged in full
 * @param headers extra headers (typically {@code Authorization}); values are secrets and never
 *     appear in logs or failure messages
 * @param events the events to send; null or empty means every event
 */
public record WebhookSettings(
    String name, HttpUrl url, Map<String, String> headers, Set<RequestEvent> events) {

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public WebhookSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("webhook notifier needs a name");
    }
    if (url == null) {
      throw new IllegalArgumentException("webhook '" + name + "' needs a URL");
    }
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (header, value) -> {
            if (header == null || !HEADER_NAME.matcher(header).matches()) {
              throw new IllegalArgumentException(
                  "webhook '" + name + "' has an invalid header name");
            }
            if (!HeaderValues.isSendable(value)) {
              // The value is a secret: name the header, never the value.
              throw new IllegalArgumentException(
                  "webhook '"
                      + name
                      + "' header "
                      + header
                      + " holds characters an HTTP header cannot carry");
            }
            copy.put(header, value);
          });
    }
    headers = Map.copyOf(copy);
    events = events == null ? Set.of() : Set.copyOf(events);
  }

  boolean subscribesTo(RequestEvent event) {
    return events.isEmpty() || events.contains(event);
  }

  /** Keeps header values and the URL path (tokens) out of logs that print configuration. */
  @Override
  public String toString() {
    return "WebhookSettings[name="
        + name
        + ", url="
        + url.scheme()
        + "://"
        + url.host()
        + ":"
        + url.port()
        + "/…, headers="
        + new TreeMap<>(headers).keySet()
        + ", events="
        + events
        + "]";
  }
}
