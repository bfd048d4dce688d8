package io.temporarr.worker.activities;

import io.temporarr.activities.notify.NtfySettings;
import io.temporarr.activities.notify.WebhookSettings;
import io.temporarr.workflows.notify.RequestEvent;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One notifier ({@code temporarr.notifiers.<name>}); {@code temporarr.requests.notifiers} lists the
 * names that hear about requests.
 *
 * @param type {@code ntfy} or {@code webhook}
 * @param url ntfy: the server ({@code https://ntfy.sh}); webhook: where to POST the JSON event
 * @param topic ntfy only: the topic
 * @param token ntfy only: access token sent as Bearer
 * @param username ntfy only: Basic-auth user, with {@code password}
 * @param password ntfy only: Basic-auth password
 * @param headers webhook only: extra headers such as Authorization (values are secrets)
 * @param events events to send; empty sends every event
 * @param priorities ntfy only: priority 1–5 per event (defaults: problems 4, completed 3)
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
    Map<RequestEvent, Integer> priorities) {

  /** The notifier kinds the activities module implements. */
  public enum Type {
    NTFY,
    WEBHOOK
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
}
