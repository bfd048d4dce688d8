package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Pushes a Gotify message: {@code POST {base}/message} with header {@code X-Gotify-Key: <app
 * token>} and {@code {"title": …, "message": …, "priority": <per event>}}.
 *
 * <p>Idempotency: none. Gotify's message API takes no idempotency key, so a retry after a lost
 * answer to a stored message shows it twice. The workflow's one-activity-per-notifier keeps this to
 * that one case.
 *
 * <p>Failures: a wrong token answers 401 (non-retryable, {@code Unauthorized}); messages never hold
 * the token, which travels only in the header.
 */
public final class GotifyNotifier extends ChatNotifier {

  private final GotifySettings settings;
  private final HttpUrl messageUrl;

  public GotifyNotifier(OkHttpClient client, GotifySettings settings) {
    super(client, "gotify", settings.name(), settings.events());
    this.settings = settings;
    this.messageUrl = settings.baseUrl().newBuilder().addPathSegment("message").build();
  }

  @Override
  Request request(Notification notification) {
    return new Request.Builder()
        .url(messageUrl)
        .header("X-Gotify-Key", settings.token())
        .post(
            NotifierCalls.json(
                Map.of(
                    "title", NotificationText.title(notification),
                    "message", NotificationText.body(notification),
                    "priority", settings.priorities().get(notification.event()))))
        .build();
  }
}
