package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * qBittorrent WebUI API v2, for 4.x and 5.x alike.
 *
 * <p>Authentication: with an API key (5.2+) every request carries {@code Authorization: Bearer};
 * with a username the client logs in once ({@code auth/login}), keeps the session cookie whatever
 * its name, and reuses it; with neither it relies on the instance letting this host in without
 * login. No {@code Origin} or {@code Referer} is sent (qBittorrent answers 401 when they do not
 * match its host).
 *
 * <p>Versions: {@code app/webapiVersion} is read once per session; from WebAPI 2.11.0 (qBittorrent
 * 5.0) the client uses {@code stop}/{@code start} and the {@code stopped} add parameter instead of
 * {@code pause}/{@code resume}/{@code paused}.
 *
 * <p>Failures: as mapped by {@link HttpFailures}; in addition a rejected login is {@code
 * Unauthorized} and a login answered 403 (IP banned after failed logins) {@code Forbidden}, both
 * non-retryable; a 403 on any other call means the session is gone, so the client logs in again and
 * repeats that call once. A body that cannot be read is {@code MalformedResponse} (non-retryable).
 */
public class QbittorrentClient {

  private static final MediaType TORRENT = MediaType.get("application/x-bittorrent");

  private final OkHttpClient http;
  private final QbittorrentSettings settings;
  private final String service;
  private final SessionCookieJar cookies = new SessionCookieJar();
  private final ObjectMapper json = new ObjectMapper();

  private final Object sessionLock = new Object();
  private long session; // logins so far; guarded by sessionLock
  private boolean loggedIn; // guarded by sessionLock
  private volatile WebApiVersion version;

  /** Builds on the shared client (connection pool, timeouts) with this instance's cookie jar. */
  public QbittorrentClient(OkHttpClient http, QbittorrentSettings settings) {
    this.settings = settings;
    this.service = "qBittorrent " + settings.name();
    OkHttpClient.Builder builder = http.newBuilder().cookieJar(cookies);
    if (settings.apiKey() != null) {
      builder.addInterceptor(DownloadClients.authorization("Bearer " + settings.apiKey()));
    }
    this.http = builder.build();
  }

  public QbittorrentSettings settings() {
    return settings;
  }

  /**
   * Counts logins: a new value means a new server-side session, whose {@code sync/maindata}
   * position starts again at rid 0. Stays 0 when the client never logs in.
   */
  long session() {
    synchronized (sessionLock) {
      return session;
    }
  }

  /** The WebAPI version, e.g. {@code 2.8.19}; read once per session. */
  public String webApiVersion() {
    return apiVersion().toString();
  }

  /**
   * Adds a magnet or http(s) URL ({@code urls} part) with the configured category and save path,
   * started. Failures: {@code DownloadRejected} (non-retryable) when qBittorrent refuses it.
   */
  public void addTorrentUrl(String url, List<String> tags) {
    add(form -> form.addFormDataPart("urls", url), tags);
  }

  /**
   * Adds .torrent bytes ({@code torrents} file part), otherwise as {@link #addTorrentUrl}.
   *
   * @param fileName the part's file name; qBittorrent names a rejected file by it
   */
  public void addTorrentFile(String fileName, byte[] torrent, List<String> tags) {
    add(
        form -> form.addFormDataPart("torrents", fileName, RequestBody.create(torrent, TORRENT)),
        tags);
  }

  /** Lists the torrents with these hashes; unknown hashes are simply absent. */
  public List<TorrentInfo> info(Collection<String> hashes) {
    if (hashes.isEmpty()) {
      // An empty hashes filter lists every torrent: never send one.
      return List.of();
    }
    HttpUrl url =
        url("torrents/info").addQueryParameter("hashes", String.join("|", hashes)).build();
    return call(afterLogin -> get(url), this::readTorrents);
  }

  /** Lists the torrents carrying this tag ({@code torrents/info?tag=}). */
  public List<TorrentInfo> infoTagged(String tag) {
    HttpUrl url = url("torrents/info").addQueryParameter("tag", tag).build();
    return call(afterLogin -> get(url), this::readTorrents);
  }

  /** The files of one torrent. Failures: {@code NotFound} (non-retryable) for an unknown hash. */
  public List<TorrentContentFile> files(String hash) {
    HttpUrl url = url("torrents/files").addQueryParameter("hash", hash).build();
    return call(
        afterLogin -> get(url), response -> readList(response, "file list", this::contentFile));
  }

  /** Deletes torrents, and their files when asked. Unknown hashes are ignored by qBittorrent. */
  public void delete(Collection<String> hashes, boolean deleteFiles) {
    if (hashes.isEmpty()) {
      return;
    }
    post("torrents/delete", hashesForm(hashes, "deleteFiles", Boolean.toString(deleteFiles)));
  }

  /** Adds tags to torrents (creating the tags); tags already present stay. */
  public void addTags(Collection<String> hashes, Collection<String> tags) {
    post("torrents/addTags", hashesForm(hashes, "tags", String.join(",", tags)));
  }

  /**
   * Removes tags from torrents; tags a torrent does not carry and unknown hashes are ignored. No
   * call without a non-blank tag: qBittorrent takes a {@code removeTags} without tags as "remove
   * every tag".
   */
  public void removeTags(Collection<String> hashes, Collection<String> tags) {
    List<String> named = tags.stream().filter(tag -> !tag.isBlank()).toList();
    if (hashes.isEmpty() || named.isEmpty()) {
      return;
    }
    post("torrents/removeTags", hashesForm(hashes, "tags", String.join(",", named)));
  }

  /** Stops (4.x: pauses) torrents. */
  public void stop(Collection<String> hashes) {
    boolean v5 = apiVersion().atLeast(WebApiVersion.STOP_START);
    post(v5 ? "torrents/stop" : "torrents/pause", hashesForm(hashes));
  }

  /** Starts (4.x: resumes) torrents. */
  public void start(Collection<String> hashes) {
    boolean v5 = apiVersion().atLeast(WebApiVersion.STOP_START);
    post(v5 ? "torrents/start" : "torrents/resume", hashesForm(hashes));
  }

  /**
   * Connects torrents to peers ({@code host:port}) directly. Needed where no tracker, DHT or LSD
   * can introduce them, e.g. two instances on loopback in tests. Failures: {@code BadRequest}
   * (non-retryable) when no peer address is valid.
   */
  public void addPeers(Collection<String> hashes, Collection<String> peers) {
    post("torrents/addPeers", hashesForm(hashes, "peers", String.join("|", peers)));
  }

  /**
   * One incremental {@code sync/maindata} answer since {@code rid} (0 = everything). When the call
   * needed a new login, it is sent with rid 0: the new session has no position to continue from.
   */
  public MainData syncMainData(long rid) {
    return call(
        afterLogin ->
            get(
                url("sync/maindata")
                    .addQueryParameter("rid", Long.toString(afterLogin ? 0 : rid))
                    .build()),
        this::readMainData);
  }

  private interface RequestFactory {
    Request build(boolean afterLogin);
  }

  private interface FormContent {
    void addTo(MultipartBody.Builder form);
  }

  private void add(FormContent content, List<String> tags) {
    boolean v5 = apiVersion().atLeast(WebApiVersion.STOP_START);
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    content.addTo(form);
    if (!tags.isEmpty()) {
      form.addFormDataPart("tags", String.join(",", tags));
    }
    if (settings.category() != null) {
      form.addFormDataPart("category", settings.category());
    }
    if (settings.savePath() != null) {
      form.addFormDataPart("savepath", settings.savePath());
    }
    form.addFormDataPart(v5 ? "stopped" : "paused", "false");
    MultipartBody body = form.build();
    try {
      call(afterLogin -> post(url("torrents/add").build(), body), this::readAddResult);
    } catch (ApplicationFailure failure) {
      // 409/415 ("not a valid torrent file") are the client's refusal of this release.
      if (ErrorTypes.UNEXPECTED_STATUS.equals(failure.getType())) {
        throw rejected(failure.getOriginalMessage());
      }
      throw failure;
    }
  }

  private void post(String path, RequestBody form) {
    HttpUrl url = url(path).build();
    call(afterLogin -> post(url, form), response -> null);
  }

  private <T> T call(RequestFactory request, HttpCalls.BodyReader<T> reader) {
    long current = ensureSession();
    try {
      return HttpCalls.execute(http, request.build(false), service, reader);
    } catch (ApplicationFailure failure) {
      if (!settings.logsIn() || !ErrorTypes.FORBIDDEN.equals(failure.getType())) {
        throw failure;
      }
      // 403 outside login = no valid session (expired, or qBittorrent restarted): log in again
      // and repeat this call once. A second 403 is final.
      renewSession(current);
      return HttpCalls.execute(http, request.build(true), service, reader);
    }
  }

  private long ensureSession() {
    if (!settings.logsIn()) {
      return 0;
    }
    synchronized (sessionLock) {
      if (!loggedIn) {
        logIn();
      }
      return session;
    }
  }

  private void renewSession(long failedSession) {
    synchronized (sessionLock) {
      // Another thread may already have logged in again since this call's session failed.
      if (session == failedSession) {
        logIn();
      }
    }
  }

  private void logIn() {
    cookies.clear();
    loggedIn = false;
    Request request =
        post(
            url("auth/login").build(),
            new FormBody.Builder()
                .add("username", settings.username())
                .add("password", settings.password())
                .build());
    String answer;
    try {
      answer = HttpCalls.execute(http, request, service, response -> response.body().string());
    } catch (ApplicationFailure failure) {
      if (ErrorTypes.UNAUTHORIZED.equals(failure.getType())) {
        throw badCredentials();
      }
      if (ErrorTypes.FORBIDDEN.equals(failure.getType())) {
        throw ApplicationFailure.newNonRetryableFailure(
            service
                + ": login answered HTTP 403: this IP is banned after too many failed logins;"
                + " fix the credentials, then wait out the ban or restart qBittorrent",
            ErrorTypes.FORBIDDEN);
      }
      throw failure;
    }
    switch (answer.trim()) {
      case "Ok." -> {
        session++;
        loggedIn = true;
        version = null; // a restarted server may be a different version
      }
      case "Fails." -> throw badCredentials();
      default ->
          throw HttpFailures.malformed(service, request.url(), "login answer not understood");
    }
  }

  private ApplicationFailure badCredentials() {
    return ApplicationFailure.newNonRetryableFailure(
        service + ": login rejected: wrong username or password", ErrorTypes.UNAUTHORIZED);
  }

  private ApplicationFailure rejected(String detail) {
    return ApplicationFailure.newNonRetryableFailure(
        service + " refused the torrent: " + detail, ErrorTypes.DOWNLOAD_REJECTED);
  }

  private WebApiVersion apiVersion() {
    WebApiVersion known = version;
    if (known == null) {
      HttpUrl url = url("app/webapiVersion").build();
      known =
          call(
              afterLogin -> get(url),
              response -> {
                WebApiVersion parsed = WebApiVersion.parse(response.body().string());
                if (parsed == null) {
                  throw HttpFailures.malformed(service, url, "not a version number");
                }
                return parsed;
              });
      version = known;
    }
    return known;
  }

  private Void readAddResult(Response response) throws IOException {
    String answer = response.body().string().trim();
    if (answer.equals("Ok.")) {
      return null;
    }
    if (answer.equals("Fails.")) {
      throw rejected("Fails.");
    }
    // WebAPI 2.14+: {"success_count":…, "failure_count":…, "pending_count":…, …}
    JsonNode result = parseJson(response.request().url(), answer);
    if (!result.isObject() || !result.path("success_count").canConvertToInt()) {
      throw HttpFailures.malformed(service, response.request().url(), "unknown add answer");
    }
    int failures = result.path("failure_count").asInt(0);
    int accepted = result.path("success_count").asInt() + result.path("pending_count").asInt(0);
    if (failures > 0 || accepted == 0) {
      throw rejected(failures + " failed, " + accepted + " accepted");
    }
    return null;
  }

  private List<TorrentInfo> readTorrents(Response response) throws IOException {
    return readList(response, "torrent list", this::torrentInfo);
  }

  private TorrentInfo torrentInfo(JsonNode item, HttpUrl url, int index) {
    JsonNode hash = item.get("hash");
    if (!item.isObject() || hash == null || !hash.isTextual() || hash.asText().isBlank()) {
      throw HttpFailures.malformed(service, url, "torrent without a hash");
    }
    return TorrentInfo.from(hash.asText().toLowerCase(Locale.ROOT), item);
  }

  private TorrentContentFile contentFile(JsonNode item, HttpUrl url, int index) {
    JsonNode name = item.get("name");
    if (name == null || !name.isTextual()) {
      throw HttpFailures.malformed(service, url, "file without a name");
    }
    return new TorrentContentFile(
        item.path("index").asInt(index),
        name.asText(),
        item.path("size").asLong(0),
        item.path("progress").asDouble(0),
        item.path("priority").asInt(1));
  }

  private MainData readMainData(Response response) throws IOException {
    HttpUrl url = response.request().url();
    JsonNode root = parseJson(url, response.body().string());
    JsonNode rid = root.get("rid");
    if (!root.isObject() || rid == null || !rid.canConvertToLong()) {
      throw HttpFailures.malformed(service, url, "maindata without a rid");
    }
    Map<String, ObjectNode> torrents = new LinkedHashMap<>();
    JsonNode changed = root.path("torrents");
    if (!changed.isMissingNode() && !changed.isNull()) {
      if (!changed.isObject()) {
        throw HttpFailures.malformed(service, url, "maindata torrents is not an object");
      }
      for (Map.Entry<String, JsonNode> entry : changed.properties()) {
        if (!(entry.getValue() instanceof ObjectNode fields)) {
          throw HttpFailures.malformed(service, url, "maindata torrent is not an object");
        }
        torrents.put(entry.getKey().toLowerCase(Locale.ROOT), fields);
      }
    }
    List<String> removed = new ArrayList<>();
    JsonNode gone = root.path("torrents_removed");
    if (!gone.isMissingNode() && !gone.isArray()) {
      throw HttpFailures.malformed(service, url, "maindata torrents_removed is not an array");
    }
    for (JsonNode hash : gone) {
      if (!hash.isTextual()) {
        throw HttpFailures.malformed(service, url, "maindata torrents_removed holds a non-string");
      }
      removed.add(hash.asText().toLowerCase(Locale.ROOT));
    }
    return new MainData(rid.asLong(), root.path("full_update").asBoolean(false), torrents, removed);
  }

  private interface ItemReader<T> {
    /** Reads the item at {@code index} of a list read from {@code url}. */
    T read(JsonNode item, HttpUrl url, int index);
  }

  /** The body as a JSON array, item by item; {@code what} names it when it is no array. */
  private <T> List<T> readList(Response response, String what, ItemReader<T> reader)
      throws IOException {
    HttpUrl url = response.request().url();
    JsonNode list = parseJson(url, response.body().string());
    if (!list.isArray()) {
      throw HttpFailures.malformed(service, url, what + " is not an array");
    }
    List<T> items = new ArrayList<>();
    for (JsonNode item : list) {
      items.add(reader.read(item, url, items.size()));
    }
    return items;
  }

  private JsonNode parseJson(HttpUrl url, String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      // Not an IOException to HttpCalls: the same body would come back, so never retry it.
      throw HttpFailures.malformed(service, url, "not JSON");
    }
  }

  private HttpUrl.Builder url(String path) {
    return settings.baseUrl().newBuilder().addPathSegments("api/v2/" + path);
  }

  private static FormBody hashesForm(Collection<String> hashes) {
    return new FormBody.Builder().add("hashes", String.join("|", hashes)).build();
  }

  /** {@code hashes}, then one more field. */
  private static FormBody hashesForm(Collection<String> hashes, String name, String value) {
    return new FormBody.Builder().add("hashes", String.join("|", hashes)).add(name, value).build();
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).build();
  }

  private static Request post(HttpUrl url, RequestBody body) {
    return new Request.Builder().url(url).post(body).build();
  }
}
