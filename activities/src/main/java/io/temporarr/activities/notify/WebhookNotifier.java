package io.temporarr.activities.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * POSTs a versioned JSON event to a generic webhook:
 *
 * <pre>{@code
 * {"version": 1, "type": "request.completed", "idempotencyKey": "…", "workflowId": "…",
 *  "title": "…", "message": "…", "correlationId": "…"}
 * }</pre>
 *
 * with headers {@code Idempotency-Key} (the notification's key) and {@code X-Correlation-Id}.
 * Receivers drop repeats by the key, so a retry after a lost response is harmless. Version 1 only
 * ever gains fields; a breaking change gets {@code "version": 2}.
 */
public final class WebhookNotifier implements Notifier {

  /** The payload schema version. */
  public static final int VERSION = 1;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient client;
  private final WebhookSettings settings;
  private final String service;

  public WebhookNotifier(OkHttpClient client, WebhookSettings settings) {
    this.settings = settings;
    this.service = "webhook '" + settings.name() + "'";
    // No redirects: they would carry the configured (secret) headers to another host.
    OkHttpClient.Builder builder = client.newBuilder().followRedirects(false);
    if (!settings.headers().isEmpty()) {
      builder.addInterceptor(
          chain -> {
            Request.Builder request = chain.request().newBuilder();
            settings.headers().forEach(request::header);
            return chain.proceed(request.build());
          });
    }
    this.client = builder.build();
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public boolean send(Notification notification) {
    if (!settings.subscribesTo(notification.event())) {
      return false;
    }
    Request.Builder request =
        new Request.Builder()
            .url(settings.url())
            .header("Idempotency-Key", notification.idempotencyKey())
            .post(RequestBody.create(json(Payload.of(notification)), JSON));
    if (HeaderValues.isSendable(notification.correlationId())) {
      request.header("X-Correlation-Id", notification.correlationId());
    }
    NotifierCalls.send(client, request.build(), service);
    return true;
  }

  /** Wire names are spelled out so renaming the enum cannot silently change the payload. */
  static String eventType(RequestEvent event) {
    return switch (event) {
      case STARTED -> "request.started";
      case NEEDS_ATTENTION -> "request.needs_attention";
      case FAILED -> "request.failed";
      case COMPLETED -> "request.completed";
    };
  }

  private static String json(Payload payload) {
    try {
      return MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      // A record of strings always serialises; reaching this is a programming error.
      throw new IllegalStateException("cannot serialise webhook payload", e);
    }
  }

  @JsonPropertyOrder({
    "version",
    "type",
    "idempotencyKey",
    "workflowId",
    "title",
    "message",
    "correlationId"
  })
  record Payload(
      int version,
      String type,
      String idempotencyKey,
      String workflowId,
      String title,
      String message,
      String correlationId) {

    static Payload of(Notification n) {
      return new Payload(
          VERSION,
          eventType(n.event()),
          n.idempotencyKey(),
          n.workflowId(),
          n.title(),
          n.message(),
          n.correlationId());
    }
  }
}
