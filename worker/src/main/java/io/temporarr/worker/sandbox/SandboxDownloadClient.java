package io.temporarr.worker.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the sandbox download client, a simulator for the embedded default, never used
 * against real services ({@link SandboxQbittorrentApi} serves it as a qBittorrent WebUI API v2).
 *
 * <p>A torrent added by magnet "downloads" without any network: its progress grows linearly with
 * the {@link Clock} over the configured duration (state {@code downloading}, then {@code uploading}
 * at 100 %; {@code pausedDL}/{@code pausedUP} while paused). On completion it writes the content
 * under the save path: a folder named after the torrent holding one video file {@code <name>.mkv}
 * of the configured size, in the {@link SandboxMediaFile} format that {@link SandboxMediaProber}
 * accepts. As in qBittorrent, the content path of this single-file content is the file itself.
 *
 * <p>Time advances lazily: every operation first brings all torrents up to the clock's present, so
 * no caller ever sees 100 % before the file exists, and tests control everything with the clock.
 * All methods are synchronized (the file write on completion happens under the lock; files are
 * small).
 *
 * <p>Change tracking for {@code sync/maindata}: one global response id ({@code rid}) is bumped
 * whenever anything observable changes, and each torrent field remembers the rid it last changed
 * at, so a partial update holds exactly the fields changed since the rid the caller sent. Unlike
 * qBittorrent (one rid sequence per session) any earlier rid can be answered; after a restart,
 * callers log in again and start at {@code rid=0} as with the real client.
 */
final class SandboxDownloadClient {

  /** qBittorrent's "infinite" ETA (100 days in seconds). */
  static final long ETA_INFINITE = 8_640_000L;

  /** Removals remembered for partial updates; a caller further behind gets a full update. */
  static final int REMOVALS_KEPT = 1_000;

  /** Seeds a downloading torrent pretends to be connected to. */
  static final int SIMULATED_SEEDS = 4;

  private static final Logger log = LoggerFactory.getLogger(SandboxDownloadClient.class);
  private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern BASE32_HASH = Pattern.compile("[A-Za-z2-7]{32}");
  private static final Pattern UNSAFE_NAME_CHARS = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");

  private final Path defaultSavePath;
  private final Duration downloadDuration;
  private final long fileSizeBytes;
  private final Duration mediaDuration;
  private final Clock clock;

  private final Map<String, Torrent> torrents = new LinkedHashMap<>();
  private final Map<String, Long> categories = new TreeMap<>();
  private final Map<String, Long> tags = new TreeMap<>();
  private final Deque<Removal> removals = new ArrayDeque<>();
  private long rid = 1;
  private long oldestAnswerableRid = 0;

  SandboxDownloadClient(SandboxProperties properties, Clock clock) {
    this(
        properties.downloadsDir(),
        properties.downloadDuration(),
        properties.fileSize().toBytes(),
        properties.mediaDuration(),
        clock);
  }

  SandboxDownloadClient(
      Path defaultSavePath,
      Duration downloadDuration,
      long fileSizeBytes,
      Duration mediaDuration,
      Clock clock) {
    this.defaultSavePath = defaultSavePath.toAbsolutePath().normalize();
    this.downloadDuration = downloadDuration;
    this.fileSizeBytes = fileSizeBytes;
    this.mediaDuration = mediaDuration;
    this.clock = clock;
  }

  /** Where content goes when an add names no save path. */
  Path defaultSavePath() {
    return defaultSavePath;
  }

  /**
   * Adds each magnet URI not already present.
   *
   * @param savePath absolute, or relative to the default save path; null or blank for the default.
   *     Either way it must stay inside the default save path (the sandbox's downloads folder), also
   *     once symbolic links are resolved
   * @return how many torrents were added (qBittorrent 4.x answers {@code Fails.} when none was:
   *     only magnets are understood, and a duplicate is not added again)
   * @throws SavePathRefused when the save path leads outside the downloads folder
   */
  synchronized int add(
      List<String> uris, String savePath, String category, Set<String> tagNames, boolean paused) {
    Instant now = clock.instant();
    advance(now);
    Path target;
    try {
      target = resolveSavePath(savePath);
    } catch (InvalidPathException e) {
      return 0;
    }
    String cleanCategory = category == null ? "" : category.strip();
    Set<String> cleanTags = new TreeSet<>();
    for (String tag : tagNames) {
      if (!tag.isBlank()) {
        cleanTags.add(tag.strip());
      }
    }
    int added = 0;
    for (String uri : uris) {
      Optional<Magnet> magnet = Magnet.parse(uri.strip());
      if (magnet.isEmpty() || torrents.containsKey(magnet.get().hash())) {
        continue;
      }
      Magnet m = magnet.get();
      String name = fileSystemName(m.name() == null ? m.hash() : m.name(), m.hash());
      torrents.put(
          m.hash(),
          new Torrent(m.hash(), name, uri.strip(), target, cleanCategory, cleanTags, now, paused));
      removals.removeIf(removal -> removal.hash().equals(m.hash()));
      added++;
    }
    if (added > 0) {
      // created with the rid of the change that adds the torrents (advance bumps to rid + 1)
      if (!cleanCategory.isEmpty()) {
        categories.putIfAbsent(cleanCategory, rid + 1);
      }
      cleanTags.forEach(tag -> tags.putIfAbsent(tag, rid + 1));
      advance(now);
    }
    return added;
  }

  /**
   * The torrents matching every given criterion, as qBittorrent's {@code torrents/info} objects.
   *
   * @param hashes null for any
   * @param category null for any, empty for torrents without a category
   * @param tag null for any, empty for torrents without tags
   * @param filter qBittorrent 4.x filter name; null or unknown matches every torrent, as in
   *     qBittorrent
   */
  synchronized List<Map<String, Object>> info(
      Set<String> hashes, String category, String tag, String filter) {
    Instant now = clock.instant();
    advance(now);
    List<Map<String, Object>> result = new ArrayList<>();
    for (Torrent torrent : torrents.values()) {
      if ((hashes == null || hashes.contains(torrent.hash))
          && (category == null || category.equals(torrent.category))
          && (tag == null || (tag.isEmpty() ? torrent.tags.isEmpty() : torrent.tags.contains(tag)))
          && torrent.matches(filter)) {
        Map<String, Object> fields = new TreeMap<>(torrent.lastFields);
        fields.put("hash", torrent.hash);
        result.add(fields);
      }
    }
    return result;
  }

  /** qBittorrent's {@code sync/maindata}: everything on a full update, else what changed. */
  synchronized Map<String, Object> maindata(long requestedRid) {
    advance(clock.instant());
    boolean full = requestedRid <= 0 || requestedRid > rid || requestedRid < oldestAnswerableRid;
    long since = full ? 0 : requestedRid;
    Map<String, Object> response = new TreeMap<>();
    response.put("rid", rid);
    Map<String, Object> changedTorrents = new LinkedHashMap<>();
    for (Torrent torrent : torrents.values()) {
      Map<String, Object> changed = torrent.fieldsChangedSince(since);
      if (!changed.isEmpty()) {
        changedTorrents.put(torrent.hash, changed);
      }
    }
    Map<String, Object> changedCategories = new TreeMap<>();
    categories.forEach(
        (name, createdAt) -> {
          if (createdAt > since) {
            changedCategories.put(name, Map.of("name", name, "savePath", ""));
          }
        });
    List<String> changedTags =
        tags.entrySet().stream().filter(e -> e.getValue() > since).map(Map.Entry::getKey).toList();
    // As qBittorrent: a full update carries every section, a partial one only non-empty ones.
    if (full) {
      response.put("full_update", true);
      response.put("torrents", changedTorrents);
      response.put("categories", changedCategories);
      response.put("tags", changedTags);
      response.put("trackers", Map.of());
      response.put("server_state", serverState());
      return response;
    }
    List<String> removed =
        removals.stream().filter(r -> r.rid() > since).map(Removal::hash).distinct().toList();
    putIfNotEmpty(response, "torrents", changedTorrents);
    putIfNotEmpty(response, "categories", changedCategories);
    if (!changedTags.isEmpty()) {
      response.put("tags", changedTags);
    }
    if (!removed.isEmpty()) {
      response.put("torrents_removed", removed);
    }
    return response;
  }

  /** The one file of a torrent as qBittorrent's {@code torrents/files}; empty for unknown hash. */
  synchronized Optional<List<Map<String, Object>>> files(String hash) {
    advance(clock.instant());
    Torrent torrent = torrents.get(hash);
    if (torrent == null) {
      return Optional.empty();
    }
    Map<String, Object> file = new TreeMap<>();
    file.put("index", 0);
    file.put("name", torrent.name + "/" + torrent.name + ".mkv");
    file.put("size", fileSizeBytes);
    file.put("progress", torrent.lastFields.get("progress"));
    file.put("priority", 1);
    file.put("is_seed", torrent.completedOn != null);
    file.put("availability", torrent.lastFields.get("availability"));
    return Optional.of(List.of(file));
  }

  /**
   * Removes torrents; unknown hashes are ignored.
   *
   * @param hashes the hashes, or null for all torrents (qBittorrent's {@code hashes=all})
   * @param deleteFiles also delete the torrent's folder under its save path
   */
  synchronized void delete(Collection<String> hashes, boolean deleteFiles) {
    advance(clock.instant());
    for (String hash : List.copyOf(hashes == null ? torrents.keySet() : hashes)) {
      Torrent torrent = torrents.remove(hash);
      if (torrent == null) {
        continue;
      }
      rid++;
      removals.addLast(new Removal(hash, rid));
      if (removals.size() > REMOVALS_KEPT) {
        oldestAnswerableRid = removals.removeFirst().rid();
      }
      if (deleteFiles) {
        deleteContent(torrent);
      }
    }
  }

  /** Pauses torrents (null: all); a paused torrent makes no progress. */
  synchronized void pause(Collection<String> hashes) {
    Instant now = clock.instant();
    advance(now);
    selected(hashes).forEach(torrent -> torrent.pause(now));
    advance(now);
  }

  /** Resumes torrents (null: all). */
  synchronized void resume(Collection<String> hashes) {
    Instant now = clock.instant();
    advance(now);
    selected(hashes).forEach(torrent -> torrent.resume(now));
    advance(now);
  }

  /** Adds tags to torrents (null: all), creating unknown tags as qBittorrent does. */
  synchronized void addTags(Collection<String> hashes, Set<String> tagNames) {
    Instant now = clock.instant();
    advance(now);
    List<String> clean = tagNames.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    clean.forEach(tag -> tags.putIfAbsent(tag, rid + 1));
    selected(hashes).forEach(torrent -> torrent.tags.addAll(clean));
    advance(now);
  }

  /**
   * Removes tags from torrents (null: all); tags a torrent does not carry are ignored. The tags
   * themselves stay defined, as in qBittorrent.
   *
   * @param tagNames the tags, or null for every tag (qBittorrent's {@code removeTags} without tags)
   */
  synchronized void removeTags(Collection<String> hashes, Set<String> tagNames) {
    Instant now = clock.instant();
    advance(now);
    selected(hashes)
        .forEach(
            torrent -> {
              if (tagNames == null) {
                torrent.tags.clear();
              } else {
                tagNames.forEach(tag -> torrent.tags.remove(tag.strip()));
              }
            });
    advance(now);
  }

  /** The current response id (tests and the log line of the API). */
  synchronized long rid() {
    return rid;
  }

  private List<Torrent> selected(Collection<String> hashes) {
    return hashes == null
        ? List.copyOf(torrents.values())
        : hashes.stream().map(torrents::get).filter(t -> t != null).toList();
  }

  /** Brings every torrent to {@code now}; one rid bump covers everything that changed. */
  private void advance(Instant now) {
    long stamp = rid + 1;
    boolean changed = false;
    for (Torrent torrent : torrents.values()) {
      changed |= torrent.refresh(now, stamp);
    }
    if (changed) {
      rid = stamp;
    }
  }

  private Map<String, Object> serverState() {
    long speed =
        torrents.values().stream()
            .mapToLong(t -> ((Number) t.lastFields.getOrDefault("dlspeed", 0L)).longValue())
            .sum();
    Map<String, Object> state = new TreeMap<>();
    state.put("connection_status", "connected");
    state.put("dl_info_speed", speed);
    state.put("up_info_speed", 0L);
    state.put("queueing", false);
    state.put("refresh_interval", 1500);
    return state;
  }

  private Path resolveSavePath(String savePath) {
    if (savePath == null || savePath.isBlank()) {
      return defaultSavePath;
    }
    Path resolved = defaultSavePath.resolve(Path.of(savePath.strip())).toAbsolutePath().normalize();
    if (!insideDownloads(resolved)) {
      throw new SavePathRefused(savePath.strip(), defaultSavePath);
    }
    return resolved;
  }

  /**
   * Whether {@code path} (absolute, normalised) lies inside the downloads folder, also once the
   * symbolic links of its existing part are resolved: the simulator writes and deletes only there.
   */
  private boolean insideDownloads(Path path) {
    if (!path.startsWith(defaultSavePath)) {
      return false;
    }
    if (!Files.exists(defaultSavePath, LinkOption.NOFOLLOW_LINKS)) {
      return true; // nothing below a folder that does not exist yet can be a link
    }
    try {
      Path root = defaultSavePath.toRealPath();
      Path existing = path;
      while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      return existing.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false; // a dangling link, or a folder that cannot be read: not ours to touch
    }
  }

  private void deleteContent(Torrent torrent) {
    Path folder = torrent.folder();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!folder.startsWith(torrent.savePath) || !insideDownloads(folder)) {
      log.warn(
          "sandbox download client: {} leads outside {}, not deleted", folder, defaultSavePath);
      return;
    }
    try (Stream<Path> tree = Files.walk(folder)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("sandbox download client: could not delete {}: {}", folder, e.toString());
    }
  }

  private static <V> void putIfNotEmpty(Map<String, Object> target, String key, Map<String, V> v) {
    if (!v.isEmpty()) {
      target.put(key, v);
    }
  }

  /**
   * A name safe as a folder and file name (the magnet's {@code dn} comes from outside): path
   * separators and characters Windows forbids become {@code _}; nothing usable falls back to the
   * hash.
   */
  static String fileSystemName(String name, String hash) {
    String clean = UNSAFE_NAME_CHARS.matcher(name).replaceAll("_").strip();
    if (clean.length() > 200) {
      clean = clean.substring(0, 200);
    }
    return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? hash : clean;
  }

  private record Removal(String hash, long rid) {}

  /**
   * An add whose save path leads outside the downloads folder ({@code ..}, an absolute path
   * elsewhere, a symbolic link out): refused, since deleting such a torrent with its files would
   * delete whatever lies there.
   */
  static final class SavePathRefused extends IllegalArgumentException {

    SavePathRefused(String savePath, Path downloads) {
      super("savepath " + savePath + " is outside the sandbox downloads folder " + downloads);
    }
  }

  /** The parts of a magnet URI the simulator needs. */
  record Magnet(String hash, String name) {

    /** Empty unless {@code uri} is a magnet with a v1 btih (hex or base32). */
    static Optional<Magnet> parse(String uri) {
      if (!uri.regionMatches(true, 0, "magnet:?", 0, 8)) {
        return Optional.empty();
      }
      String hash = null;
      String name = null;
      try {
        for (String parameter : uri.substring(8).split("&")) {
          int eq = parameter.indexOf('=');
          if (eq <= 0) {
            continue;
          }
          String key = parameter.substring(0, eq);
          String value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
          if (key.equals("xt") && value.regionMatches(true, 0, "urn:btih:", 0, 9)) {
            hash = normaliseHash(value.substring(9));
          } else if (key.equals("dn") && !value.isBlank()) {
            name = value;
          }
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return hash == null ? Optional.empty() : Optional.of(new Magnet(hash, name));
    }

    private static String normaliseHash(String value) {
      if (HEX_HASH.matcher(value).matches()) {
        return value.toLowerCase(Locale.ROOT);
      }
      if (BASE32_HASH.matcher(value).matches()) {
        return HexFormat.of().formatHex(base32(value.toUpperCase(Locale.ROOT)));
      }
      return null;
    }

    private static byte[] base32(String value) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      byte[] out = new byte[value.length() * 5 / 8];
      long buffer = 0;
      int bits = 0;
      int index = 0;
      for (char c : value.toCharArray()) {
        buffer = (buffer << 5) | alphabet.indexOf(c);
        bits += 5;
        if (bits >= 8) {
          out[index++] = (byte) (buffer >>> (bits - 8));
          bits -= 8;
        }
      }
      return out;
    }
  }

  /** One simulated torrent; mutated only under the client's lock. */
  private final class Torrent {
    final String hash;
    final String name;
    final String magnetUri;
    final Path savePath;
    final String category;
    final Set<String> tags;
    final Instant addedOn;
    Duration activeBefore = Duration.ZERO;
    Instant runningSince;
    Instant lastActive;
    Instant completedOn;
    boolean failed;
    Map<String, Object> lastFields = Map.of();
    final Map<String, Long> fieldRids = new HashMap<>();

    Torrent(
        String hash,
        String name,
        String magnetUri,
        Path savePath,
        String category,
        Set<String> tags,
        Instant addedOn,
        boolean paused) {
      this.hash = hash;
      this.name = name;
      this.magnetUri = magnetUri;
      this.savePath = savePath;
      this.category = category;
      this.tags = new TreeSet<>(tags);
      this.addedOn = addedOn;
      this.runningSince = paused ? null : addedOn;
      this.lastActive = addedOn;
    }

    Path folder() {
      return savePath.resolve(name);
    }

    Path file() {
      return folder().resolve(name + ".mkv");
    }

    void pause(Instant now) {
      if (runningSince != null) {
        activeBefore = activeBefore.plus(Duration.between(runningSince, now));
        runningSince = null;
        lastActive = now;
      }
    }

    void resume(Instant now) {
      if (runningSince == null) {
        runningSince = now;
      }
    }

    /** Completes the download when its time has come, then records changed fields. */
    boolean refresh(Instant now, long stamp) {
      if (completedOn == null && runningSince != null) {
        Instant doneAt = runningSince.plus(downloadDuration.minus(activeBefore));
        if (!now.isBefore(doneAt)) {
          completedOn = doneAt;
          writeContent();
        }
      }
      Map<String, Object> fields = fields(now);
      boolean changed = false;
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        if (!lastFields.containsKey(field.getKey())
            || !lastFields.get(field.getKey()).equals(field.getValue())) {
          fieldRids.put(field.getKey(), stamp);
          changed = true;
        }
      }
      lastFields = fields;
      return changed;
    }

    Map<String, Object> fieldsChangedSince(long since) {
      Map<String, Object> changed = new TreeMap<>();
      lastFields.forEach(
          (key, value) -> {
            if (fieldRids.getOrDefault(key, 0L) > since) {
              changed.put(key, value);
            }
          });
      return changed;
    }

    boolean matches(String filter) {
      boolean complete = completedOn != null;
      boolean paused = runningSince == null;
      if (filter == null) {
        return true;
      }
      return switch (filter) {
        case "downloading" -> !complete;
        case "seeding" -> complete && !paused;
        case "completed" -> complete;
        case "paused" -> paused;
        case "resumed" -> !paused;
        case "active" -> !complete && !paused;
        case "inactive" -> complete || paused;
        case "errored" -> failed;
        default -> true;
      };
    }

    private void writeContent() {
      if (!insideDownloads(folder())) {
        failed = true;
        log.warn(
            "sandbox download client: {} leads outside {}, not written", file(), defaultSavePath);
        return;
      }
      try {
        SandboxMediaFile.forRelease(name, mediaDuration).write(file(), fileSizeBytes, hash);
        log.info("sandbox download client: completed {} -> {}", name, file());
      } catch (IOException | RuntimeException e) {
        failed = true;
        log.warn("sandbox download client: could not write {}: {}", file(), e.toString());
      }
    }

    private Map<String, Object> fields(Instant now) {
      boolean complete = completedOn != null;
      boolean paused = runningSince == null;
      boolean downloading = !complete && !paused && !failed;
      long totalMillis = downloadDuration.toMillis();
      Duration active =
          paused ? activeBefore : activeBefore.plus(Duration.between(runningSince, now));
      // four decimals, rounded down: 100 % only once the content exists
      double progress =
          complete || totalMillis == 0
              ? (complete ? 1.0 : 0.0)
              : Math.floor(Math.min(1.0, active.toMillis() / (double) totalMillis) * 10_000)
                  / 10_000;
      long done = complete ? fileSizeBytes : (long) (fileSizeBytes * progress);
      if (downloading) {
        lastActive = now;
      }
      Map<String, Object> fields = new TreeMap<>();
      fields.put("added_on", addedOn.getEpochSecond());
      fields.put("amount_left", fileSizeBytes - done);
      fields.put("availability", downloading ? (double) SIMULATED_SEEDS : -1.0);
      fields.put("category", category);
      fields.put("completed", done);
      fields.put("completion_on", complete ? completedOn.getEpochSecond() : 0L);
      fields.put("content_path", file().toString());
      fields.put("dlspeed", downloading ? fileSizeBytes * 1000 / Math.max(1, totalMillis) : 0L);
      fields.put("downloaded", done);
      fields.put(
          "eta",
          downloading ? Math.max(0, (totalMillis - active.toMillis() + 999) / 1000) : ETA_INFINITE);
      fields.put("infohash_v1", hash);
      fields.put("infohash_v2", "");
      fields.put("last_activity", (complete ? completedOn : lastActive).getEpochSecond());
      fields.put("magnet_uri", magnetUri);
      fields.put("name", name);
      fields.put("num_leechs", 0);
      fields.put("num_seeds", downloading ? SIMULATED_SEEDS : 0);
      fields.put("progress", progress);
      fields.put("ratio", 0.0);
      fields.put("save_path", savePath.toString());
      fields.put("size", fileSizeBytes);
      fields.put("state", state(complete, paused));
      fields.put("tags", String.join(", ", tags));
      fields.put("total_size", fileSizeBytes);
      fields.put("upspeed", 0L);
      fields.put("uploaded", 0L);
      return fields;
    }

    private String state(boolean complete, boolean paused) {
      if (failed) {
        return "error";
      }
      if (paused) {
        return complete ? "pausedUP" : "pausedDL";
      }
      return complete ? "uploading" : "downloading";
    }
  }
}
