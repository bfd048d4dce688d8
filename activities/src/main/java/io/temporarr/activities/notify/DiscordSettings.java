package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.RequestEvent;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One Discord channel webhook.
 *
 * @param name the notifier name workflows address it by
 * @param webhookUrl {@code https://discord.com/api/webhooks/{id}/{token}}; the token in its path is
 *     the only credential, so the URL is never logged or put in a failure message
 * @param username the name messages are posted under; null or blank uses {@link #DEFAULT_USERNAME}
 * @param events the events to send; null or empty means every event
 */
public record DiscordSettings(
    String name, HttpUrl webhookUrl, String username, Set<RequestEvent> events) {

  public static final String DEFAULT_USERNAME = "Temporarr";

  // Discord rejects longer webhook user names with 400.
  private static final int MAX_USERNAME = 80;

  public DiscordSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("discord notifier needs a name");
    }
    if (webhookUrl == null) {
      throw new IllegalArgumentException("discord '" + name + "' needs a webhook URL");
    }
    username = username == null || username.isBlank() ? DEFAULT_USERNAME : username.strip();
    if (username.length() > MAX_USERNAME) {
      throw new IllegalArgumentException(
          "discord '" + name + "' username is longer than " + MAX_USERNAME + " characters");
    }
    events = NotificationText.filter(events);
  }

  /** Keeps the webhook token (URL path) out of logs that print configuration. */
  @Override
  public String toString() {
    return "DiscordSettings[name="
        + name
        + ", webhookUrl="
        + NotificationText.origin(webhookUrl)
        + ", username="
        + username
        + ", events="
        + events
        + "]";
  }
}
