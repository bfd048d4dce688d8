package io.temporarr.worker.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sandbox notification receivers, a simulator for the embedded default, never used against real
 * services: where the sandbox's notifiers deliver, so a newcomer can watch the messages of a
 * request with {@code curl /sandbox/notifications}.
 *
 * <ul>
 *   <li>{@code POST|PUT /sandbox/ntfy/{topic}}: ntfy's publish call; the body is the message,
 *       headers {@code Title}, {@code Priority} (1–5 or min/low/default/high/urgent/max) and {@code
 *       Tags} (also ntfy's {@code X-}/short aliases and query parameters; RFC 2047 encoded words in
 *       the title are decoded as ntfy does). Answers 200 with ntfy's message JSON; a bad priority
 *       gets ntfy's 400 error JSON.
 *   <li>{@code POST /sandbox/webhook}: any JSON object (Temporarr's generic webhook payload reads
 *       {@code title}, {@code type}, {@code message}) → 200; a repeated {@code Idempotency-Key} is
 *       acknowledged but not stored twice, as receivers are asked to do.
 *   <li>{@code GET /sandbox/notifications}: what arrived, oldest first.
 * </ul>
 *
 * Messages are kept in memory (the last {@code temporarr.sandbox.notifications-kept}) and each one
 * is logged as one line {@code sandbox notification: <title>}.
 */
final class SandboxNotificationSink {

  static final String NTFY_BASE = "/sandbox/ntfy";
  static final String WEBHOOK_PATH = "/sandbox/webhook";
  static final String LIST_PATH = "/sandbox/notifications";

  /** ntfy's default message lifetime (12 h), reported in {@code expires}. */
  private static final long NTFY_CACHE_SECONDS = 12 * 60 * 60;

  private static final Logger log = LoggerFactory.getLogger(SandboxNotificationSink.class);
  private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
  private static final List<String> PRIORITY_NAMES =
      List.of("min", "low", "default", "high", "urgent");

  private final int kept;
  private final Clock clock;
  private final Deque<ReceivedNotification> received = new ArrayDeque<>();
  private final Set<String> idempotencyKeys = new LinkedHashSet<>();
  private long sequence;

  SandboxNotificationSink(int kept, Clock clock) {
    this.kept = kept;
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .route(
            RequestPredicates.path(NTFY_BASE + "/{topic}")
                .and(
                    RequestPredicates.method(HttpMethod.POST)
                        .or(RequestPredicates.method(HttpMethod.PUT))),
            this::ntfy)
        .POST(WEBHOOK_PATH, this::webhook)
        .GET(
            LIST_PATH,
            r -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(notifications()))
        .build();
  }

  /** What arrived, oldest first. */
  synchronized List<ReceivedNotification> notifications() {
    return new ArrayList<>(received);
  }

  private ServerResponse ntfy(ServerRequest request) {
    String topic = request.pathVariable("topic");
    if (!TOPIC.matcher(topic).matches()) {
      return ntfyError(HttpStatus.BAD_REQUEST, 40010, "invalid topic");
    }
    Optional<Integer> priority = priority(value(request, "Priority", "X-Priority", "prio", "p"));
    if (priority.isEmpty()) {
      return ntfyError(HttpStatus.BAD_REQUEST, 40007, "invalid priority");
    }
    String title = value(request, "Title", "X-Title", "t").map(this::decodeWords).orElse(null);
    List<String> tags =
        value(request, "Tags", "X-Tags", "tag", "ta")
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
            .orElse(List.of());
    String message = body(request);
    ReceivedNotification notification =
        store("ntfy", topic, title, message, priority.get(), tags, null, null);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("id", notification.id());
    response.put("time", notification.time());
    response.put("expires", notification.time() + NTFY_CACHE_SECONDS);
    response.put("event", "message");
    response.put("topic", topic);
    if (title != null) {
      response.put("title", title);
    }
    response.put("message", message);
    if (priority.get() != 3) {
      response.put("priority", priority.get());
    }
    if (!tags.isEmpty()) {
      response.put("tags", tags);
    }
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(response);
  }

  private ServerResponse webhook(ServerRequest request) {
    Map<?, ?> body;
    try {
      body = request.body(Map.class);
    } catch (Exception e) {
      body = null;
    }
    if (body == null) {
      return ServerResponse.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("expected a JSON object");
    }
    String key = request.headers().firstHeader("Idempotency-Key");
    synchronized (this) {
      if (key != null && !idempotencyKeys.add(key)) {
        log.info("sandbox notification: (repeat of {} dropped)", key);
        return ServerResponse.ok().build();
      }
    }
    Object title = body.get("title") != null ? body.get("title") : body.get("type");
    Object message = body.get("message");
    store(
        "webhook",
        null,
        title == null ? null : title.toString(),
        message == null ? null : message.toString(),
        null,
        List.of(),
        body,
        key);
    return ServerResponse.ok().build();
  }

  private synchronized ReceivedNotification store(
      String channel,
      String topic,
      String title,
      String message,
      Integer priority,
      List<String> tags,
      Map<?, ?> body,
      String idempotencyKey) {
    Instant now = clock.instant();
    sequence++;
    ReceivedNotification notification =
        new ReceivedNotification(
            String.format(Locale.ROOT, "sandbox%06d", sequence),
            now.getEpochSecond(),
            now.toString(),
            channel,
            topic,
            title,
            message,
            priority,
            tags,
            body,
            idempotencyKey);
    received.addLast(notification);
    while (received.size() > kept) {
      ReceivedNotification dropped = received.removeFirst();
      if (dropped.idempotencyKey() != null) {
        idempotencyKeys.remove(dropped.idempotencyKey());
      }
    }
    log.info("sandbox notification: {}", title != null ? title : firstLine(message));
    return notification;
  }

  /** ntfy publishes "triggered" for an empty body. */
  private static String body(ServerRequest request) {
    String text;
    try {
      text = request.body(String.class);
    } catch (Exception e) {
      text = null;
    }
    return text == null || text.isEmpty() ? "triggered" : text;
  }

  /** ntfy reads each field from a header, its aliases, or a query parameter of the same names. */
  private static Optional<String> value(ServerRequest request, String... names) {
    for (String name : names) {
      String header = request.headers().firstHeader(name);
      if (header != null) {
        return Optional.of(header);
      }
    }
    for (String name : names) {
      Optional<String> parameter = request.param(name.toLowerCase(Locale.ROOT));
      if (parameter.isPresent()) {
        return parameter;
      }
    }
    return Optional.empty();
  }

  /** 1–5 or ntfy's names; absent means the default, 3; anything else is empty (invalid). */
  static Optional<Integer> priority(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return Optional.of(3);
    }
    String text = value.get().strip().toLowerCase(Locale.ROOT);
    if (text.equals("max")) {
      return Optional.of(5);
    }
    int named = PRIORITY_NAMES.indexOf(text);
    if (named >= 0) {
      return Optional.of(named + 1);
    }
    try {
      int number = Integer.parseInt(text);
      return number >= 1 && number <= 5 ? Optional.of(number) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Decodes RFC 2047 encoded words ({@code =?UTF-8?B?…?=}, {@code Q}) as ntfy does. */
  String decodeWords(String text) {
    Matcher matcher = ENCODED_WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String decoded;
      try {
        byte[] bytes =
            matcher.group(2).equalsIgnoreCase("B")
                ? Base64.getDecoder().decode(matcher.group(3))
                : quoted(matcher.group(3));
        decoded = new String(bytes, Charset.forName(matcher.group(1)));
      } catch (IllegalArgumentException e) {
        decoded = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(decoded));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static byte[] quoted(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length()) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no title)";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }

  private static ServerResponse ntfyError(HttpStatus status, int code, String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("http", status.value());
    body.put("error", error);
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /**
   * One received notification.
   *
   * @param id ntfy-style message id
   * @param time epoch seconds of arrival
   * @param receivedAt the same instant, ISO-8601
   * @param channel {@code ntfy} or {@code webhook}
   * @param topic the ntfy topic; null for webhooks
   * @param priority ntfy priority 1–5; null for webhooks
   * @param body the webhook's JSON object; null for ntfy
   * @param idempotencyKey the webhook's {@code Idempotency-Key} header, if any
   */
  record ReceivedNotification(
      String id,
      long time,
      String receivedAt,
      String channel,
      String topic,
      String title,
      String message,
      Integer priority,
      List<String> tags,
      Map<?, ?> body,
      String idempotencyKey) {}
}
