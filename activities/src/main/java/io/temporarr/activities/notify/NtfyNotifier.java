package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Publishes to an ntfy topic: {@code POST {base}/{topic}}, the message as plain-text body, {@code
 * Title}, {@code Priority} and {@code Tags} headers, Bearer token or Basic auth.
 *
 * <p>ntfy cannot deduplicate: its publish API has no idempotency or client-chosen message id, so
 * the notification's idempotency key is not sent. Duplicates stay rare because the workflow runs
 * one activity per notifier (a retry never re-sends through a notifier that already succeeded); a
 * lost response after a successful publish can still show the message twice.
 */
public final class NtfyNotifier implements Notifier {

  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final OkHttpClient client;
  private final NtfySettings settings;
  private final HttpUrl topicUrl;
  private final String service;

  public NtfyNotifier(OkHttpClient client, NtfySettings settings) {
    this.settings = settings;
    this.topicUrl = settings.baseUrl().newBuilder().addPathSegment(settings.topic()).build();
    this.service = "ntfy '" + settings.name() + "'";
    String authorization = authorization(settings);
    OkHttpClient.Builder builder =
        // A redirect would carry the credentials to wherever Location points and turn the POST
        // into a GET: fail instead (UnexpectedStatus) so the operator fixes the URL.
        client.newBuilder().followRedirects(false);
    if (authorization != null) {
      builder.addInterceptor(
          chain ->
              chain.proceed(
                  chain.request().newBuilder().header("Authorization", authorization).build()));
    }
    this.client = builder.build();
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public boolean send(Notification notification) {
    RequestEvent event = notification.event();
    if (!settings.subscribesTo(event)) {
      return false;
    }
    String body = notification.message() == null ? "" : notification.message();
    Request.Builder request =
        new Request.Builder()
            .url(topicUrl)
            .header("Priority", Integer.toString(settings.priorityFor(event)))
            .header("Tags", tag(event))
            .post(RequestBody.create(body, TEXT));
    if (notification.title() != null && !notification.title().isBlank()) {
      request.header("Title", headerText(notification.title()));
    }
    NotifierCalls.send(client, request.build(), service);
    return true;
  }

  /** ntfy renders tags that match an emoji short code as that emoji in front of the title. */
  static String tag(RequestEvent event) {
    return switch (event) {
      case STARTED -> "inbox_tray";
      case COMPLETED -> "white_check_mark";
      case NEEDS_ATTENTION -> "warning";
      case FAILED -> "x";
    };
  }

  /**
   * Header values must be ASCII; titles are often not ("Amélie"). ntfy decodes RFC 2047 encoded
   * words in its headers, so non-ASCII titles travel as {@code =?UTF-8?B?…?=}.
   */
  static String headerText(String text) {
    String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    boolean ascii = oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (ascii) {
      return oneLine;
    }
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }

  private static String authorization(NtfySettings settings) {
    if (settings.token() != null) {
      return "Bearer " + settings.token();
    }
    if (settings.username() != null) {
      return Credentials.basic(settings.username(), settings.password(), StandardCharsets.UTF_8);
    }
    return null;
  }
}
