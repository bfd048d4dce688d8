package io.temporarr.worker.sandbox;

import static org.springframework.web.servlet.function.RequestPredicates.method;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sandbox download client's HTTP face, a simulator for the embedded default, never used against
 * real services: a faithful subset of the qBittorrent WebUI API v2 as qBittorrent 4.5 (WebAPI
 * 2.8.19) serves it, under {@value #BASE}.
 *
 * <p>Served: {@code auth/login} (form {@code username}, {@code password}; {@code Ok.} and an {@code
 * SID} cookie, or {@code Fails.} with 200 as before WebAPI 2.14), {@code auth/logout}, {@code
 * app/webapiVersion}, {@code app/version}, {@code torrents/add} (form or multipart: {@code urls}
 * newline list of magnets, {@code savepath}, {@code category}, {@code tags}, {@code paused};
 * answers {@code Ok.}, or {@code Fails.} when nothing was added, as for a torrent already there),
 * {@code torrents/info}, {@code torrents/files}, {@code torrents/delete}, {@code torrents/pause},
 * {@code torrents/resume}, {@code torrents/addTags}, {@code torrents/removeTags} (without {@code
 * tags} it removes every tag, as qBittorrent does), {@code torrents/addPeers} (accepted, ignored)
 * and {@code sync/maindata}.
 *
 * <p>Faithful where clients trip over the real thing: every call but login needs the session cookie
 * (403 {@code Forbidden} otherwise, also after a restart); actions need POST (405); an {@code
 * Origin} or {@code Referer} that does not match {@code Host} gets 401; missing required parameters
 * get 400; the 5.x add parameter {@code stopped} is ignored as a 4.x client ignores it; {@code
 * .torrent} uploads are not understood (counted as failures). Credentials: any are accepted unless
 * {@code temporarr.sandbox.username}/{@code password} are set.
 *
 * <p>Not faithful where the real thing would let a caller destroy what is not the sandbox's: a
 * {@code savepath} outside the sandbox's downloads folder ({@code ..}, another absolute path, a
 * symbolic link out) is refused with 400 and the reason, so {@code torrents/delete} with {@code
 * deleteFiles=true} only ever deletes inside that folder.
 */
final class SandboxQbittorrentApi {

  static final String BASE = "/sandbox/qbittorrent/api/v2";
  static final String WEBAPI_VERSION = "2.8.19";
  static final String APP_VERSION = "v4.5.2";
  static final String SESSION_COOKIE = "SID";

  /** A client that logs in per request must not grow memory without bound. */
  static final int SESSIONS_KEPT = 1_000;

  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final List<String> POST_ONLY =
      List.of(
          "/auth/login",
          "/auth/logout",
          "/torrents/add",
          "/torrents/delete",
          "/torrents/pause",
          "/torrents/resume",
          "/torrents/addTags",
          "/torrents/removeTags",
          "/torrents/addPeers");

  private final SandboxDownloadClient client;
  private final String username;
  private final String password;

  /** Most recent sessions last; the oldest is dropped beyond {@link #SESSIONS_KEPT}. */
  private final Set<String> sessions = Collections.synchronizedSet(new LinkedHashSet<>());

  private final SecureRandom random = new SecureRandom();

  SandboxQbittorrentApi(SandboxDownloadClient client, String username, String password) {
    this.client = client;
    this.username = username;
    this.password = password == null ? "" : password;
  }

  RouterFunction<ServerResponse> routes() {
    RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.POST));
    RouterFunction<ServerResponse> authenticated =
        RouterFunctions.route()
            .POST(BASE + "/auth/logout", this::logout)
            .route(path(BASE + "/app/webapiVersion").and(read), r -> text(WEBAPI_VERSION))
            .route(path(BASE + "/app/version").and(read), r -> text(APP_VERSION))
            .POST(BASE + "/torrents/add", this::add)
            .route(path(BASE + "/torrents/info").and(read), this::info)
            .route(path(BASE + "/torrents/files").and(read), this::files)
            .POST(BASE + "/torrents/delete", this::delete)
            .POST(BASE + "/torrents/pause", r -> withHashes(r, client::pause))
            .POST(BASE + "/torrents/resume", r -> withHashes(r, client::resume))
            .POST(BASE + "/torrents/addTags", this::addTags)
            .POST(BASE + "/torrents/removeTags", this::removeTags)
            .POST(BASE + "/torrents/addPeers", this::addPeers)
            .route(path(BASE + "/sync/maindata").and(read), this::maindata)
            .filter((request, next) -> hasSession(request) ? next.handle(request) : forbidden())
            .build();
    RequestPredicate actions =
        POST_ONLY.stream().map(p -> path(BASE + p)).reduce(RequestPredicate::or).orElseThrow();
    return RouterFunctions.route()
        .POST(BASE + "/auth/login", this::login)
        .add(authenticated)
        .route(actions, r -> status(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"))
        .filter((request, next) -> sameOrigin(request) ? next.handle(request) : unauthorized())
        .build();
  }

  /** Drops every session, as a restart of qBittorrent does. */
  void forgetSessions() {
    sessions.clear();
  }

  private ServerResponse login(ServerRequest request) throws IOException, ServletException {
    if (username != null
        && !(matches(username, form(request, "username").orElse(""))
            && matches(password, form(request, "password").orElse("")))) {
      return text("Fails.");
    }
    byte[] id = new byte[24];
    random.nextBytes(id);
    String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    synchronized (sessions) {
      sessions.add(sid);
      if (sessions.size() > SESSIONS_KEPT) {
        sessions.remove(sessions.iterator().next());
      }
    }
    ResponseCookie cookie =
        ResponseCookie.from(SESSION_COOKIE, sid)
            .httpOnly(true)
            .path("/")
            .sameSite("Strict")
            .build();
    return ServerResponse.ok()
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .contentType(TEXT)
        .body("Ok.");
  }

  private ServerResponse logout(ServerRequest request) {
    sessionId(request).ifPresent(sessions::remove);
    return ServerResponse.ok().build();
  }

  private ServerResponse add(ServerRequest request) throws IOException, ServletException {
    List<String> urls =
        form(request, "urls").stream()
            .flatMap(value -> Arrays.stream(value.split("\n")))
            .filter(line -> !line.isBlank())
            .toList();
    Set<String> tags =
        form(request, "tags").stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .collect(Collectors.toSet());
    int added;
    try {
      added =
          client.add(
              urls,
              form(request, "savepath").orElse(null),
              form(request, "category").orElse(null),
              tags,
              Boolean.parseBoolean(form(request, "paused").orElse("false")));
    } catch (SandboxDownloadClient.SavePathRefused e) {
      return status(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    return text(added > 0 ? "Ok." : "Fails.");
  }

  private ServerResponse info(ServerRequest request) {
    Set<String> hashes = request.param("hashes").map(SandboxQbittorrentApi::hashes).orElse(null);
    return json(
        client.info(
            hashes,
            request.param("category").orElse(null),
            request.param("tag").orElse(null),
            request.param("filter").orElse(null)));
  }

  private ServerResponse files(ServerRequest request) {
    Optional<String> hash = request.param("hash");
    if (hash.isEmpty()) {
      return badRequest();
    }
    return client
        .files(hash.get().toLowerCase(Locale.ROOT))
        .map(this::json)
        .orElseGet(() -> status(HttpStatus.NOT_FOUND, "Not Found"));
  }

  private ServerResponse maindata(ServerRequest request) {
    long rid;
    try {
      rid = Long.parseLong(request.param("rid").orElse("0").strip());
    } catch (NumberFormatException e) {
      rid = 0; // as qBittorrent: an unreadable rid asks for a full update
    }
    return json(client.maindata(rid));
  }

  private ServerResponse delete(ServerRequest request) throws IOException, ServletException {
    Optional<String> hashes = form(request, "hashes");
    Optional<String> deleteFiles = form(request, "deleteFiles");
    if (hashes.isEmpty() || deleteFiles.isEmpty()) {
      return badRequest();
    }
    client.delete(selection(hashes.get()), Boolean.parseBoolean(deleteFiles.get()));
    return ServerResponse.ok().build();
  }

  private ServerResponse addTags(ServerRequest request) throws IOException, ServletException {
    Optional<String> hashes = form(request, "hashes");
    Optional<String> tags = form(request, "tags");
    if (hashes.isEmpty() || tags.isEmpty()) {
      return badRequest();
    }
    client.addTags(selection(hashes.get()), Set.of(tags.get().split(",")));
    return ServerResponse.ok().build();
  }

  /** {@code hashes} is required; without {@code tags} every tag goes, as in qBittorrent. */
  private ServerResponse removeTags(ServerRequest request) throws IOException, ServletException {
    Optional<String> hashes = form(request, "hashes");
    if (hashes.isEmpty()) {
      return badRequest();
    }
    Set<String> tags =
        form(request, "tags").stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::strip)
            .filter(tag -> !tag.isEmpty())
            .collect(Collectors.toSet());
    client.removeTags(selection(hashes.get()), tags.isEmpty() ? null : tags);
    return ServerResponse.ok().build();
  }

  /** Accepted and ignored: the simulated swarm needs no peers. */
  private ServerResponse addPeers(ServerRequest request) throws IOException, ServletException {
    if (form(request, "hashes").isEmpty() || form(request, "peers").isEmpty()) {
      return badRequest();
    }
    return ServerResponse.ok().build();
  }

  private ServerResponse withHashes(ServerRequest request, Consumer<Set<String>> action)
      throws IOException, ServletException {
    Optional<String> hashes = form(request, "hashes");
    if (hashes.isEmpty()) {
      return badRequest();
    }
    action.accept(selection(hashes.get()));
    return ServerResponse.ok().build();
  }

  /** {@code all} selects every torrent (null), else the {@code |}-separated hashes. */
  private static Set<String> selection(String hashes) {
    return hashes.strip().equalsIgnoreCase("all") ? null : hashes(hashes);
  }

  private static Set<String> hashes(String value) {
    return Arrays.stream(value.split("\\|"))
        .map(hash -> hash.strip().toLowerCase(Locale.ROOT))
        .filter(hash -> !hash.isEmpty())
        .collect(Collectors.toSet());
  }

  /**
   * A form field of a urlencoded or multipart body. Servlet containers expose multipart text fields
   * as parameters; the part itself is the fallback for those that do not.
   */
  private static Optional<String> form(ServerRequest request, String name)
      throws IOException, ServletException {
    Optional<String> parameter = request.param(name);
    if (parameter.isPresent()) {
      return parameter;
    }
    MediaType type = request.headers().contentType().orElse(null);
    if (type == null || !MediaType.MULTIPART_FORM_DATA.includes(type)) {
      return Optional.empty();
    }
    var part = request.multipartData().getFirst(name);
    if (part == null || part.getSubmittedFileName() != null) {
      return Optional.empty();
    }
    try (InputStream in = part.getInputStream()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private boolean hasSession(ServerRequest request) {
    return sessionId(request).map(sessions::contains).orElse(false);
  }

  private static Optional<String> sessionId(ServerRequest request) {
    return Optional.ofNullable(request.cookies().getFirst(SESSION_COOKIE)).map(c -> c.getValue());
  }

  /** qBittorrent's CSRF guard: an Origin or Referer must name the host the request was sent to. */
  private static boolean sameOrigin(ServerRequest request) {
    String host = request.headers().firstHeader(HttpHeaders.HOST);
    if (host == null) {
      host = authority(request.uri());
    }
    for (String header : List.of(HttpHeaders.ORIGIN, HttpHeaders.REFERER)) {
      String value = request.headers().firstHeader(header);
      if (value == null) {
        continue;
      }
      try {
        if (!host.equalsIgnoreCase(authority(URI.create(value)))) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  private static String authority(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static boolean matches(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private ServerResponse json(Object body) {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static ServerResponse text(String body) {
    return ServerResponse.ok().contentType(TEXT).body(body);
  }

  private static ServerResponse status(HttpStatus status, String body) {
    return ServerResponse.status(status).contentType(TEXT).body(body);
  }

  private static ServerResponse badRequest() {
    return status(HttpStatus.BAD_REQUEST, "Bad Request");
  }

  private static ServerResponse forbidden() {
    return status(HttpStatus.FORBIDDEN, "Forbidden");
  }

  private static ServerResponse unauthorized() {
    return status(HttpStatus.UNAUTHORIZED, "Unauthorized");
  }
}
