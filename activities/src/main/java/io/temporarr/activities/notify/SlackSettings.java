package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One Slack incoming webhook.
 *
 * @param name the notifier name workflows address it by
 * @param webhookUrl {@code https://hooks.slack.com/services/T…/B…/…}; the path is the credential,
 *     so the URL is never logged or put in a failure message
 * @param events the events to send; null or empty means every event
 */
public record SlackSettings(String name, HttpUrl webhookUrl, Set<RequestEvent> events) {

  public SlackSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("slack notifier needs a name");
    }
    if (webhookUrl == null) {
      throw new IllegalArgumentException("slack '" + name + "' needs a webhook URL");
    }
    events = NotificationText.filter(events);
  }

  /** Keeps the webhook path (the credential) out of logs that print configuration. */
  @Override
  public String toString() {
    return "SlackSettings[name="
        + name
        + ", webhookUrl="
        + NotificationText.origin(webhookUrl)
        + ", events="
        + events
        + "]";
  }
}
