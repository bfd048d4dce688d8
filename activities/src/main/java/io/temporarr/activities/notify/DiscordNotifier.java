package io.temporarr.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Posts to a Discord channel webhook: {@code POST {webhookUrl}} with
 *
 * <pre>{@code
 * {"username": "Temporarr", "embeds": [{"title": …, "description": …, "color": <per event>,
 *   "footer": {"text": <workflow id>}}]}
 * }</pre>
 *
 * <p>Rate limits: Discord answers 429 with the wait in the JSON body ({@code retry_after}, seconds
 * as a float) and usually a {@code Retry-After} header. The wait becomes the failure's next-retry
 * delay (rounded up to whole seconds when only the body states it).
 *
 * <p>Idempotency: none. Discord webhooks take no idempotency key, so a retry after a lost answer to
 * a delivered message posts it twice. The workflow's one-activity-per-notifier keeps this to that
 * one case.
 *
 * <p>The webhook URL is the credential: failures name the host only ({@link NotifierCalls}).
 */
public final class DiscordNotifier extends ChatNotifier {

  // Discord's embed limits; longer texts are cut rather than rejected with 400.
  private static final int MAX_TITLE = 256;
  private static final int MAX_DESCRIPTION = 4096;
  private static final int MAX_FOOTER = 2048;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DiscordSettings settings;

  public DiscordNotifier(OkHttpClient client, DiscordSettings settings) {
    super(
        client.newBuilder().addInterceptor(DiscordNotifier::retryAfterFromBody).build(),
        "discord",
        settings.name(),
        settings.events());
    this.settings = settings;
  }

  @Override
  Request request(Notification notification) {
    Map<String, Object> embed = new LinkedHashMap<>();
    embed.put("title", NotificationText.limit(NotificationText.title(notification), MAX_TITLE));
    embed.put(
        "description",
        NotificationText.limit(NotificationText.body(notification), MAX_DESCRIPTION));
    embed.put("color", color(notification.event()));
    if (notification.workflowId() != null && !notification.workflowId().isBlank()) {
      embed.put(
          "footer", Map.of("text", NotificationText.limit(notification.workflowId(), MAX_FOOTER)));
    }
    return new Request.Builder()
        .url(settings.webhookUrl())
        .post(NotifierCalls.json(Map.of("username", settings.username(), "embeds", List.of(embed))))
        .build();
  }

  /** Embed side-bar colour (0xRRGGBB) per event: blue, green, orange, red. */
  static int color(RequestEvent event) {
    return switch (event) {
      case STARTED -> 0x3498DB;
      case COMPLETED -> 0x2ECC71;
      case NEEDS_ATTENTION -> 0xF39C12;
      case FAILED -> 0xE74C3C;
    };
  }

  /**
   * A 429 without {@code Retry-After} header gets one from the body's {@code retry_after}, so the
   * shared failure mapping ({@code HttpFailures}) turns it into the next-retry delay like any other
   * service's Retry-After.
   */
  private static Response retryAfterFromBody(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() != 429 || response.header("Retry-After") != null) {
      return response;
    }
    Long seconds = retryAfterSeconds(response.peekBody(4096).string());
    if (seconds == null) {
      return response;
    }
    return response.newBuilder().header("Retry-After", Long.toString(seconds)).build();
  }

  /** {@code retry_after} in whole seconds, rounded up; null when absent or not a number. */
  static Long retryAfterSeconds(String body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      JsonNode retryAfter = root == null ? null : root.get("retry_after");
      if (retryAfter == null || !retryAfter.isNumber() || retryAfter.asDouble() < 0) {
        return null;
      }
      return (long) Math.ceil(retryAfter.asDouble());
    } catch (IOException notJson) {
      return null;
    }
  }
}
