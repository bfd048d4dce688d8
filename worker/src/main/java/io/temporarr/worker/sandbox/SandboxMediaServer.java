package io.temporarr.worker.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sandbox media server, a simulator for the embedded default, never used against real services:
 * the two Jellyfin library calls Temporarr makes, under {@value #BASE}, answering as Jellyfin does.
 *
 * <ul>
 *   <li>{@code POST Library/Media/Updated} with {@code {"Updates":[{"Path","UpdateType"}]}} → 204
 *   <li>{@code POST Library/Refresh} → 204 (a real server answers only after the whole scan; this
 *       one at once)
 * </ul>
 *
 * <p>Both require {@code Authorization: MediaBrowser Token="…"} (or Jellyfin's {@code X-Emby-Token}
 * header), else 401; any non-blank token unless {@code temporarr.sandbox.jellyfin-token} is set.
 * What the server was told is kept in memory (bounded) and listed by {@code GET
 * /sandbox/library-updates}.
 */
final class SandboxMediaServer {

  static final String BASE = "/sandbox/jellyfin";
  static final String UPDATES_PATH = "/sandbox/library-updates";

  private static final Logger log = LoggerFactory.getLogger(SandboxMediaServer.class);
  private static final Pattern MEDIA_BROWSER_TOKEN =
      Pattern.compile(
          "^(?:MediaBrowser|Emby)\\s.*?\\bToken=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private final String token;
  private final int kept;
  private final Clock clock;
  private final Deque<LibraryUpdate> updates = new ArrayDeque<>();

  SandboxMediaServer(String token, int kept, Clock clock) {
    this.token = token;
    this.kept = kept;
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    RouterFunction<ServerResponse> jellyfin =
        RouterFunctions.route()
            .POST(BASE + "/Library/Media/Updated", this::mediaUpdated)
            .POST(BASE + "/Library/Refresh", this::refresh)
            .filter((request, next) -> authorised(request) ? next.handle(request) : unauthorized())
            .build();
    return jellyfin.and(
        RouterFunctions.route()
            .GET(
                UPDATES_PATH,
                r -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(updates()))
            .build());
  }

  /** What the server was told, oldest first. */
  synchronized List<LibraryUpdate> updates() {
    return new ArrayList<>(updates);
  }

  /**
   * Reads {@code Updates[].Path} and {@code UpdateType} case-insensitively, as Jellyfin's JSON
   * binding does; a body without any path is a 400.
   */
  private ServerResponse mediaUpdated(ServerRequest request) {
    List<?> entries;
    try {
      entries =
          request.body(Map.class) instanceof Map<?, ?> body ? list(field(body, "Updates")) : null;
    } catch (Exception e) {
      entries = null;
    }
    List<LibraryUpdate> received = new ArrayList<>();
    for (Object entry : entries == null ? List.of() : entries) {
      Object path = entry instanceof Map<?, ?> update ? field(update, "Path") : null;
      if (!(path instanceof String text) || text.isBlank()) {
        return ServerResponse.badRequest().build();
      }
      Object type = field((Map<?, ?>) entry, "UpdateType");
      received.add(
          new LibraryUpdate(
              clock.instant().toString(),
              "media-updated",
              text,
              type == null ? "Modified" : type.toString()));
    }
    if (received.isEmpty()) {
      return ServerResponse.badRequest().build();
    }
    received.forEach(this::record);
    return ServerResponse.noContent().build();
  }

  private static Object field(Map<?, ?> object, String name) {
    return object.entrySet().stream()
        .filter(e -> name.equalsIgnoreCase(String.valueOf(e.getKey())))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : null;
  }

  private ServerResponse refresh(ServerRequest request) {
    record(new LibraryUpdate(clock.instant().toString(), "refresh", null, null));
    return ServerResponse.noContent().build();
  }

  private synchronized void record(LibraryUpdate update) {
    updates.addLast(update);
    while (updates.size() > kept) {
      updates.removeFirst();
    }
    log.info(
        "sandbox media server: {}{}",
        update.kind(),
        update.path() == null ? "" : " " + update.path());
  }

  private boolean authorised(ServerRequest request) {
    Optional<String> given =
        Optional.ofNullable(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
            .map(MEDIA_BROWSER_TOKEN::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .or(() -> Optional.ofNullable(request.headers().firstHeader("X-Emby-Token")));
    return given
        .filter(value -> !value.isBlank())
        .filter(
            value ->
                token == null
                    || MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)))
        .isPresent();
  }

  private static ServerResponse unauthorized() {
    return ServerResponse.status(HttpStatus.UNAUTHORIZED)
        .contentType(MediaType.TEXT_PLAIN)
        .body("Unauthorized");
  }

  /**
   * One call the media server received.
   *
   * @param kind {@code media-updated} (one per path) or {@code refresh} (whole library)
   * @param path the path the server was told about; null for a whole-library refresh
   * @param updateType Jellyfin's {@code Created}, {@code Modified} or {@code Deleted}
   */
  record LibraryUpdate(String receivedAt, String kind, String path, String updateType) {}
}
