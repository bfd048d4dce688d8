package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Notifies through an Apprise API server, which fans out to any service Apprise supports:
 *
 * <ul>
 *   <li>stateful: {@code POST {base}/notify/{key}} with {@code {"title", "body", "type"}}, the
 *       targets stored on the server under that key;
 *   <li>stateless: {@code POST {base}/notify} with the same fields plus {@code "urls"} (the
 *       configured Apprise URLs, comma-separated).
 * </ul>
 *
 * {@code type} is {@code info} (started), {@code success} (completed), {@code warning} (needs
 * attention) or {@code failure} (failed).
 *
 * <p>Idempotency: none. The Apprise API takes no idempotency key and cannot know whether the
 * services behind it delivered, so a retry after a lost answer may repeat the message on every
 * target. The workflow's one-activity-per-notifier keeps this to that one case.
 *
 * <p>Failures: as mapped by {@code HttpFailures}; the Apprise URLs (credentials) are only in the
 * body, and the key only in the path, which {@link NotifierCalls} hides.
 */
public final class AppriseNotifier extends ChatNotifier {

  private final AppriseSettings settings;
  private final HttpUrl notifyUrl;

  public AppriseNotifier(OkHttpClient client, AppriseSettings settings) {
    super(client, "apprise", settings.name(), settings.events());
    this.settings = settings;
    HttpUrl.Builder url = settings.baseUrl().newBuilder().addPathSegment("notify");
    if (!settings.stateless()) {
      url.addPathSegment(settings.key());
    }
    this.notifyUrl = url.build();
  }

  @Override
  Request request(Notification notification) {
    Map<String, Object> payload = new LinkedHashMap<>();
    if (settings.stateless()) {
      payload.put("urls", String.join(",", settings.urls()));
    }
    payload.put("title", NotificationText.title(notification));
    payload.put("body", NotificationText.body(notification));
    payload.put("type", type(notification.event()));
    return new Request.Builder().url(notifyUrl).post(NotifierCalls.json(payload)).build();
  }

  /** Apprise's notification types, which pick the icon and colour on every target. */
  static String type(RequestEvent event) {
    return switch (event) {
      case STARTED -> "info";
      case COMPLETED -> "success";
      case NEEDS_ATTENTION -> "warning";
      case FAILED -> "failure";
    };
  }
}
