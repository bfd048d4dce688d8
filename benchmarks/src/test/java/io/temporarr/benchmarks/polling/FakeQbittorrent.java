package io.temporarr.benchmarks.polling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A counting qBittorrent WebUI API v2 (as qBittorrent 4.5.2, WebAPI 2.8.19 answers) for the polling
 * and scale benchmarks: it holds thousands of torrents that never finish unless told to ({@link
 * #completeAll()}), and counts every call per endpoint ({@code sync/maindata}, {@code
 * torrents/info} …) and the {@code torrents/info} look-ups per hash.
 *
 * <p>Served: {@code auth/login} ({@code Ok.} and an {@code SID} cookie), {@code app/webapiVersion},
 * {@code app/version}, {@code torrents/add} (magnet {@code urls} with a hex btih, {@code tags},
 * {@code category}), {@code torrents/info} ({@code hashes} filter, else every torrent), {@code
 * torrents/addTags}, {@code torrents/delete} and {@code sync/maindata} (full update at {@code
 * rid=0} or an unknown rid, else only the torrents changed since that rid, each sent whole — a
 * superset of qBittorrent's changed-fields-only objects that the client merges the same way). Every
 * call but login needs the session cookie (403 otherwise), as qBittorrent.
 */
public final class FakeQbittorrent extends Dispatcher {

  static final String WEBAPI_VERSION = "2.8.19";
  static final long SIZE = 4L * 1024 * 1024 * 1024;

  /** Progress of a torrent that has not been completed: stuck half-way, as a dead swarm. */
  static final double STUCK_PROGRESS = 0.5;

  private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{40}");
  private static final String PREFIX = "/api/v2/";

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> lookups = new ConcurrentHashMap<>();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  // Guarded by this: the torrents, the change sequence and the rids handed out.
  private final Map<String, Torrent> torrents = new LinkedHashMap<>();
  private final Map<String, Long> removedAt = new LinkedHashMap<>();
  private final TreeMap<Long, Long> ridSequence = new TreeMap<>();
  private long sequence;
  private long lastRid;

  private static final class Torrent {
    final String hash;
    final String name;
    final String category;
    final Set<String> tags = new LinkedHashSet<>();
    final long addedOn = System.currentTimeMillis() / 1000;
    boolean complete;
    long changedAt;

    Torrent(String hash, String name, String category) {
      this.hash = hash;
      this.name = name;
      this.category = category;
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (!path.startsWith(PREFIX)) {
      return text(404, "Not Found");
    }
    String endpoint = path.substring(PREFIX.length());
    calls.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
    Map<String, String> form =
        FormFields.parse(
            request.getHeaders().get("Content-Type"),
            request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8));
    if (endpoint.equals("auth/login")) {
      return login();
    }
    if (!hasSession(request)) {
      return text(403, "Forbidden");
    }
    return switch (endpoint) {
      case "app/webapiVersion" -> text(200, WEBAPI_VERSION);
      case "app/version" -> text(200, "v4.5.2");
      case "torrents/add" -> text(200, add(form) ? "Ok." : "Fails.");
      case "torrents/info" -> jsonBody(info(request.getUrl()));
      case "torrents/addTags" -> addTags(form);
      case "torrents/delete" -> delete(form);
      case "sync/maindata" -> jsonBody(mainData(request.getUrl().queryParameter("rid")));
      default -> text(404, "Not Found");
    };
  }

  /**
   * Calls per endpoint since the start (or the last {@link #resetCounts()}), e.g. {@code
   * sync/maindata}.
   */
  public Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    calls.forEach((endpoint, count) -> snapshot.put(endpoint, count.sum()));
    return snapshot;
  }

  /** Calls to one endpoint so far. */
  public long count(String endpoint) {
    LongAdder count = calls.get(endpoint);
    return count == null ? 0 : count.sum();
  }

  /** Clears the per-endpoint and per-hash counts. */
  public void resetCounts() {
    calls.clear();
    lookups.clear();
  }

  /** How many {@code torrents/info} calls named this hash in their {@code hashes} filter. */
  public long lookups(String hash) {
    LongAdder count = lookups.get(hash.toLowerCase(Locale.ROOT));
    return count == null ? 0 : count.sum();
  }

  /** Torrents held. */
  public synchronized int size() {
    return torrents.size();
  }

  /** The held hashes, in the order they were added. */
  public synchronized List<String> hashes() {
    return List.copyOf(torrents.keySet());
  }

  /** The hash of the torrent carrying this tag (e.g. a request's workflow ID), or null. */
  public synchronized String hashTagged(String tag) {
    return torrents.values().stream()
        .filter(t -> t.tags.contains(tag))
        .map(t -> t.hash)
        .findFirst()
        .orElse(null);
  }

  /** Tag → hash for every tagged torrent (a torrent with several tags appears under each). */
  public synchronized Map<String, String> hashesByTag() {
    Map<String, String> byTag = new LinkedHashMap<>();
    torrents.values().forEach(t -> t.tags.forEach(tag -> byTag.put(tag, t.hash)));
    return byTag;
  }

  /** Adds a torrent directly (not through the API), tagged as given: for baselines. */
  public synchronized void put(String hash, String name, String tag) {
    Torrent torrent = new Torrent(hash.toLowerCase(Locale.ROOT), name, null);
    torrent.tags.add(tag);
    torrent.changedAt = ++sequence;
    torrents.put(torrent.hash, torrent);
  }

  /** These torrents reach 100 %; unknown hashes are ignored. */
  public synchronized void complete(java.util.Collection<String> hashes) {
    long now = ++sequence;
    for (String hash : hashes) {
      Torrent t = torrents.get(hash.toLowerCase(Locale.ROOT));
      if (t != null) {
        t.complete = true;
        t.changedAt = now;
      }
    }
  }

  /**
   * Every torrent reaches 100 %: {@code torrents/info} and the next {@code sync/maindata} say so.
   */
  public synchronized void completeAll() {
    long now = ++sequence;
    torrents
        .values()
        .forEach(
            t -> {
              t.complete = true;
              t.changedAt = now;
            });
  }

  private MockResponse login() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    String sid = HexFormat.of().formatHex(id);
    sessions.add(sid);
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Set-Cookie", "SID=" + sid + "; HttpOnly; path=/; SameSite=Strict")
        .addHeader("Content-Type", "text/plain; charset=UTF-8")
        .body("Ok.")
        .build();
  }

  private boolean hasSession(RecordedRequest request) {
    String cookie = request.getHeaders().get("Cookie");
    if (cookie == null) {
      return false;
    }
    return Arrays.stream(cookie.split(";"))
        .map(String::trim)
        .filter(c -> c.startsWith("SID="))
        .anyMatch(c -> sessions.contains(c.substring(4)));
  }

  private synchronized boolean add(Map<String, String> form) {
    boolean added = false;
    for (String url : form.getOrDefault("urls", "").split("\n")) {
      Map<String, String> magnet = magnet(url.strip());
      String hash = magnet.get("hash");
      if (hash == null) {
        continue;
      }
      Torrent torrent =
          torrents.computeIfAbsent(
              hash, h -> new Torrent(h, magnet.getOrDefault("name", h), form.get("category")));
      for (String tag : form.getOrDefault("tags", "").split(",")) {
        if (!tag.isBlank()) {
          torrent.tags.add(tag.strip());
        }
      }
      torrent.changedAt = ++sequence;
      added = true;
    }
    return added;
  }

  /** The hex btih and the name ({@code dn}) of a magnet URI; empty when it has no hex btih. */
  static Map<String, String> magnet(String uri) {
    Map<String, String> parts = new LinkedHashMap<>();
    if (!uri.startsWith("magnet:?")) {
      return parts;
    }
    for (String parameter : uri.substring(8).split("&")) {
      int eq = parameter.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String value =
          java.net.URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
      String key = parameter.substring(0, eq);
      if (key.equals("xt")
          && value.startsWith("urn:btih:")
          && HEX_HASH.matcher(value.substring(9)).matches()) {
        parts.put("hash", value.substring(9).toLowerCase(Locale.ROOT));
      } else if (key.equals("dn")) {
        parts.put("name", value);
      }
    }
    return parts.containsKey("hash") ? parts : Map.of();
  }

  private synchronized ArrayNode info(HttpUrl url) {
    ArrayNode list = json.createArrayNode();
    String filter = url.queryParameter("hashes");
    if (filter == null) {
      torrents.values().forEach(t -> list.add(fields(t).put("hash", t.hash)));
      return list;
    }
    for (String hash : filter.toLowerCase(Locale.ROOT).split("\\|")) {
      lookups.computeIfAbsent(hash, h -> new LongAdder()).increment();
      Torrent torrent = torrents.get(hash);
      if (torrent != null) {
        list.add(fields(torrent).put("hash", torrent.hash));
      }
    }
    return list;
  }

  private synchronized MockResponse addTags(Map<String, String> form) {
    if (!form.containsKey("hashes") || !form.containsKey("tags")) {
      return text(400, "Bad Request");
    }
    long now = ++sequence;
    for (String hash : form.get("hashes").toLowerCase(Locale.ROOT).split("\\|")) {
      Torrent torrent = torrents.get(hash);
      if (torrent != null) {
        torrent.tags.addAll(List.of(form.get("tags").split(",")));
        torrent.changedAt = now;
      }
    }
    return text(200, "");
  }

  private synchronized MockResponse delete(Map<String, String> form) {
    if (!form.containsKey("hashes") || !form.containsKey("deleteFiles")) {
      return text(400, "Bad Request");
    }
    long now = ++sequence;
    for (String hash : form.get("hashes").toLowerCase(Locale.ROOT).split("\\|")) {
      if (torrents.remove(hash) != null) {
        removedAt.put(hash, now);
      }
    }
    return text(200, "");
  }

  private synchronized ObjectNode mainData(String ridParameter) {
    long rid;
    try {
      rid = ridParameter == null ? 0 : Long.parseLong(ridParameter.strip());
    } catch (NumberFormatException e) {
      rid = 0; // as qBittorrent: an unreadable rid asks for a full update
    }
    Long since = rid == 0 ? null : ridSequence.get(rid);
    ObjectNode answer = json.createObjectNode();
    long next = ++lastRid;
    ridSequence.put(next, sequence);
    while (ridSequence.size() > 64) {
      ridSequence.pollFirstEntry();
    }
    answer.put("rid", next);
    ObjectNode changed = answer.putObject("torrents");
    if (since == null) {
      answer.put("full_update", true);
      torrents.values().forEach(t -> changed.set(t.hash, fields(t)));
      answer.putObject("categories");
      answer.putArray("tags");
    } else {
      torrents.values().stream()
          .filter(t -> t.changedAt > since)
          .forEach(t -> changed.set(t.hash, fields(t)));
      ArrayNode removed = answer.putArray("torrents_removed");
      removedAt.forEach(
          (hash, at) -> {
            if (at > since) {
              removed.add(hash);
            }
          });
    }
    answer.putObject("server_state").put("connection_status", "connected");
    return answer;
  }

  private ObjectNode fields(Torrent t) {
    double progress = t.complete ? 1.0 : STUCK_PROGRESS;
    long left = t.complete ? 0 : (long) (SIZE * (1 - STUCK_PROGRESS));
    ObjectNode node = json.createObjectNode();
    node.put("added_on", t.addedOn);
    node.put("amount_left", left);
    node.put("category", t.category == null ? "" : t.category);
    node.put("completed", SIZE - left);
    node.put("completion_on", t.complete ? t.addedOn : 0);
    node.put("content_path", "/downloads/" + t.name);
    node.put("dlspeed", 0);
    node.put("downloaded", SIZE - left);
    node.put("eta", t.complete ? 0 : 8640000);
    node.put("infohash_v1", t.hash);
    node.put("infohash_v2", "");
    node.put("name", t.name);
    node.put("num_seeds", 0);
    node.put("progress", progress);
    node.put("ratio", 0.0);
    node.put("save_path", "/downloads");
    node.put("seeding_time", 0);
    node.put("size", SIZE);
    node.put("state", t.complete ? "stalledUP" : "stalledDL");
    node.put("tags", String.join(", ", t.tags));
    node.put("total_size", SIZE);
    return node;
  }

  private MockResponse jsonBody(Object body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }

  private static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/plain; charset=UTF-8")
        .body(body)
        .build();
  }
}
