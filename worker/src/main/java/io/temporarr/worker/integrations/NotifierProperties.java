package io.temporarr.worker.integrations;

import io.temporarr.activities.notify.AppriseSettings;
import io.temporarr.activities.notify.DiscordSettings;
import io.temporarr.activities.notify.GotifySettings;
import io.temporarr.activities.notify.NtfySettings;
import io.temporarr.activities.notify.SlackSettings;
import io.temporarr.activities.notify.WebhookSettings;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.workflows.notify.RequestEvent;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One notifier ({@code temporarr.notifiers.<name>}); {@code temporarr.requests.notifiers} lists the
 * names that hear about requests.
 *
 * @param type {@code ntfy}, {@code webhook}, {@code discord}, {@code slack}, {@code gotify} or
 *     {@code apprise}
 * @param url ntfy, gotify, apprise: the server ({@code https://ntfy.sh}); webhook: where to POST
 *     the JSON event; discord, slack: the webhook URL (its path is the credential)
 * @param topic ntfy only: the topic
 * @param token ntfy: access token sent as Bearer; gotify: the application token (required)
 * @param username ntfy: Basic-auth user, with {@code password}; discord: the name messages are
 *     posted under (default Temporarr)
 * @param password ntfy only: Basic-auth password
 * @param headers webhook only: extra headers such as Authorization (values are secrets)
 * @param events events to send; empty sends every event
 * @param priorities ntfy: priority 1–5 per event (defaults: problems 4, completed 3); gotify: 0–10
 *     (defaults: problems 8, completed 5, started 2)
 * @param key apprise only: the configuration key stored on the Apprise API server
 * @param urls apprise only, instead of {@code key}: Apprise URLs (secrets) sent with each message
 */
public record NotifierProperties(
    @NotNull Type type,
    @NotNull HttpUrl url,
    String topic,
    Secret token,
    String username,
    Secret password,
    Map<String, Secret> headers,
    Set<RequestEvent> events,
    Map<RequestEvent, Integer> priorities,
    String key,
    List<Secret> urls) {

  /** The notifier kinds the activities module implements. */
  public enum Type {
    NTFY,
    WEBHOOK,
    DISCORD,
    SLACK,
    GOTIFY,
    APPRISE
  }

  NtfySettings toNtfySettings(String name) {
    return new NtfySettings(
        name,
        url,
        topic,
        Secret.valueOf(token),
        username == null || username.isBlank() ? null : username,
        Secret.valueOf(password),
        priorities,
        events);
  }

  WebhookSettings toWebhookSettings(String name) {
    Map<String, String> plain = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((header, value) -> plain.put(header, value == null ? null : value.value()));
    }
    return new WebhookSettings(name, url, plain, events);
  }

  DiscordSettings toDiscordSettings(String name) {
    return new DiscordSettings(name, url, username, events);
  }

  SlackSettings toSlackSettings(String name) {
    return new SlackSettings(name, url, events);
  }

  GotifySettings toGotifySettings(String name) {
    if (Secret.valueOf(token) == null) {
      throw new InvalidConfigurationException(
          "temporarr.notifiers." + name + ".token",
          "is not set; Gotify accepts messages only with an application token",
          "Create an application in Gotify (Apps → Create application) and set its token, e.g."
              + " from an environment variable: token: ${GOTIFY_TOKEN}.");
    }
    return new GotifySettings(name, url, Secret.valueOf(token), priorities, events);
  }

  AppriseSettings toAppriseSettings(String name) {
    List<String> plain =
        urls == null
            ? List.of()
            : urls.stream().map(Secret::valueOf).filter(u -> u != null).toList();
    boolean hasKey = key != null && !key.isBlank();
    if (hasKey == !plain.isEmpty()) {
      throw new InvalidConfigurationException(
          "temporarr.notifiers." + name + ".key",
          hasKey ? "and .urls are both set" : "and .urls are both unset",
          "Set key to a configuration key stored on the Apprise API server, or urls to a list of"
              + " Apprise URLs for stateless calls; not both.");
    }
    return new AppriseSettings(name, url, key, plain, events);
  }
}
