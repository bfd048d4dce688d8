package io.temporarr.activities.notify;

import io.temporarr.workflows.notify.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Posts to a Slack incoming webhook: {@code POST {webhookUrl}} with
 *
 * <pre>{@code
 * {"text": "<title>: <message>",
 *  "blocks": [{"type": "header", "text": {"type": "plain_text", "text": <title>}},
 *             {"type": "section", "text": {"type": "plain_text", "text": <message>}},
 *             {"type": "context", "elements": [{"type": "plain_text", "text": <workflow id>}]}]}
 * }</pre>
 *
 * {@code text} is the fallback notifications and screen readers show. Plain text, not mrkdwn, so
 * titles need no escaping. Slack's errors (400 invalid_payload, 403, 404 channel_not_found, 410
 * channel_is_archived) are non-retryable: the same request would fail again.
 *
 * <p>Idempotency: none. Incoming webhooks take no idempotency key, so a retry after a lost answer
 * to a delivered message posts it twice. The workflow's one-activity-per-notifier keeps this to
 * that one case.
 *
 * <p>The webhook URL is the credential: failures name the host only ({@link NotifierCalls}).
 */
public final class SlackNotifier extends ChatNotifier {

  // Slack's block limits; longer texts are cut rather than rejected with invalid_blocks.
  private static final int MAX_HEADER = 150;
  private static final int MAX_SECTION = 3000;

  private final SlackSettings settings;

  public SlackNotifier(OkHttpClient client, SlackSettings settings) {
    super(client, "slack", settings.name(), settings.events());
    this.settings = settings;
  }

  @Override
  Request request(Notification notification) {
    String title = NotificationText.title(notification);
    String body = NotificationText.body(notification);
    List<Object> blocks = new ArrayList<>();
    blocks.add(
        Map.of("type", "header", "text", plainText(NotificationText.limit(title, MAX_HEADER))));
    blocks.add(
        Map.of("type", "section", "text", plainText(NotificationText.limit(body, MAX_SECTION))));
    if (notification.workflowId() != null && !notification.workflowId().isBlank()) {
      blocks.add(
          Map.of(
              "type",
              "context",
              "elements",
              List.of(plainText(NotificationText.limit(notification.workflowId(), MAX_HEADER)))));
    }
    String text = body.equals(title) ? title : title + ": " + body;
    return new Request.Builder()
        .url(settings.webhookUrl())
        .post(NotifierCalls.json(Map.of("text", text, "blocks", blocks)))
        .build();
  }

  private static Map<String, String> plainText(String text) {
    return Map.of("type", "plain_text", "text", text);
  }
}
