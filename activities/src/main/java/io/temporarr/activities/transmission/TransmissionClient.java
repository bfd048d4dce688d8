package io.temporarr.activities.transmission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.activities.torrent.TorrentSource;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Transmission RPC ({@code POST {method, arguments}} to the RPC URL), RPC version 16 (Transmission
 * 3.00) and later.
 *
 * <p>Session: Transmission answers 409 with a fresh {@code X-Transmission-Session-Id} to a request
 * without a valid one (CSRF protection). The id is kept per instance and sent with every request; a
 * 409 replaces it and the request is sent once more. A second 409 in a row is final. Basic auth is
 * sent with every request when a username is set.
 *
 * <p>Failures: as mapped by {@link HttpFailures} (401 wrong credentials, 403 host not in {@code
 * rpc-whitelist}, both non-retryable); a body that is not an RPC answer is {@code
 * MalformedResponse} (non-retryable); a {@code result} other than {@code success} is {@code
 * DownloadRejected} for {@code torrent-add} and {@code BadRequest} otherwise (both non-retryable:
 * Transmission would answer the same request the same way), with Transmission's result text.
 */
public class TransmissionClient {

  /** Request and response header carrying the RPC session id. */
  static final String SESSION_HEADER = "X-Transmission-Session-Id";

  /**
   * {@code labels} in {@code torrent-get} / {@code torrent-set}: RPC version 16, Transmission 3.00.
   */
  static final int LABELS_RPC_VERSION = 16;

  /** The {@code torrent-get} fields Temporarr reads. */
  static final List<String> FIELDS =
      List.of(
          "hashString",
          "name",
          "status",
          "error",
          "errorString",
          "percentDone",
          "leftUntilDone",
          "isStalled",
          "downloadDir",
          "labels",
          "uploadRatio",
          "secondsSeeding");

  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final TransmissionSettings settings;
  private final String service;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<String> sessionId = new AtomicReference<>();
  private volatile boolean versionChecked;

  /** What {@code torrent-add} answered: the torrent, and whether it was there already. */
  public record Added(String hash, String name, boolean duplicate) {}

  /** Builds on the shared client (pool, timeouts) with this instance's session and auth. */
  public TransmissionClient(OkHttpClient http, TransmissionSettings settings) {
    this.settings = settings;
    this.service = "Transmission " + settings.name();
    OkHttpClient.Builder builder = http.newBuilder().addInterceptor(new SessionInterceptor());
    if (settings.username() != null) {
      builder.addInterceptor(
          DownloadClients.authorization(
              Credentials.basic(settings.username(), settings.password(), StandardCharsets.UTF_8)));
    }
    this.http = builder.build();
  }

  public TransmissionSettings settings() {
    return settings;
  }

  /**
   * Checks once per instance that Transmission speaks RPC version 16 or later ({@code labels}).
   * Failures: {@code ConfigurationError} (non-retryable) for an older version.
   */
  public void requireLabels() {
    if (versionChecked) {
      return;
    }
    ObjectNode arguments = json.createObjectNode();
    arguments.putArray("fields").add("rpc-version");
    JsonNode session = call("session-get", arguments);
    JsonNode version = session.get("rpc-version");
    if (version == null || !version.canConvertToInt()) {
      throw HttpFailures.malformed(service, settings.rpcUrl(), "session-get without rpc-version");
    }
    if (version.asInt() < LABELS_RPC_VERSION) {
      throw ApplicationFailure.newNonRetryableFailure(
          service
              + " speaks RPC version "
              + version.asInt()
              + "; Temporarr needs "
              + LABELS_RPC_VERSION
              + " (Transmission 3.00) or later for labels",
          ErrorTypes.CONFIGURATION);
    }
    versionChecked = true;
  }

  /**
   * Adds a magnet ({@code filename}) or .torrent bytes ({@code metainfo}, base64), started, in the
   * configured download directory. An infohash Transmission already has is answered as a duplicate,
   * not added twice.
   */
  public Added add(TorrentSource source) {
    ObjectNode arguments = json.createObjectNode();
    if (source.torrent() != null) {
      arguments.put("metainfo", Base64.getEncoder().encodeToString(source.torrent()));
    } else {
      arguments.put("filename", source.magnetUri());
    }
    if (settings.downloadDir() != null) {
      arguments.put("download-dir", settings.downloadDir());
    }
    arguments.put("paused", false);
    JsonNode answer = call("torrent-add", arguments);
    boolean duplicate = answer.has("torrent-duplicate");
    JsonNode torrent = duplicate ? answer.get("torrent-duplicate") : answer.get("torrent-added");
    if (torrent == null || !torrent.path("hashString").isTextual()) {
      throw HttpFailures.malformed(service, settings.rpcUrl(), "torrent-add without a hashString");
    }
    return new Added(
        torrent.get("hashString").asText().toLowerCase(Locale.ROOT),
        torrent.path("name").isTextual() ? torrent.get("name").asText() : null,
        duplicate);
  }

  /** The torrents with these infohashes; unknown ones are simply absent. */
  public List<TransmissionTorrent> get(Collection<String> hashes) {
    if (hashes.isEmpty()) {
      // No ids lists every torrent: never send an empty list meaning "these".
      return List.of();
    }
    ObjectNode arguments = fields();
    ArrayNode ids = arguments.putArray("ids");
    hashes.forEach(ids::add);
    return torrents(call("torrent-get", arguments));
  }

  /** Every torrent of the instance, in one call. */
  public List<TransmissionTorrent> all() {
    return torrents(call("torrent-get", fields()));
  }

  /** Replaces the labels of torrents (Transmission has no "add a label"). */
  public void setLabels(Collection<String> hashes, Collection<String> labels) {
    ObjectNode arguments = json.createObjectNode();
    ArrayNode ids = arguments.putArray("ids");
    hashes.forEach(ids::add);
    ArrayNode list = arguments.putArray("labels");
    labels.forEach(list::add);
    call("torrent-set", arguments);
  }

  /** Removes torrents, and their data when asked. Unknown hashes are ignored by Transmission. */
  public void remove(Collection<String> hashes, boolean deleteData) {
    if (hashes.isEmpty()) {
      return;
    }
    ObjectNode arguments = json.createObjectNode();
    ArrayNode ids = arguments.putArray("ids");
    hashes.forEach(ids::add);
    arguments.put("delete-local-data", deleteData);
    call("torrent-remove", arguments);
  }

  private ObjectNode fields() {
    ObjectNode arguments = json.createObjectNode();
    ArrayNode fields = arguments.putArray("fields");
    FIELDS.forEach(fields::add);
    return arguments;
  }

  /** One RPC call; returns its {@code arguments}. */
  private JsonNode call(String method, ObjectNode arguments) {
    ObjectNode body = json.createObjectNode();
    body.put("method", method);
    body.set("arguments", arguments);
    Request request =
        new Request.Builder()
            .url(settings.rpcUrl())
            .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
            .build();
    return HttpCalls.execute(http, request, service, response -> read(method, response));
  }

  private JsonNode read(String method, Response response) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(response.body().string());
    } catch (JsonProcessingException e) {
      // Not an IOException to HttpCalls: the same body would come back, so never retry it.
      throw HttpFailures.malformed(service, settings.rpcUrl(), method + " answer is not JSON");
    }
    JsonNode result = root == null ? null : root.get("result");
    if (result == null || !result.isTextual()) {
      throw HttpFailures.malformed(service, settings.rpcUrl(), method + " answer has no result");
    }
    if (!result.asText().equals("success")) {
      String message = service + ": " + method + " answered \"" + result.asText() + "\"";
      throw ApplicationFailure.newNonRetryableFailure(
          message,
          method.equals("torrent-add") ? ErrorTypes.DOWNLOAD_REJECTED : ErrorTypes.BAD_REQUEST);
    }
    JsonNode answer = root.path("arguments");
    if (!answer.isObject()) {
      throw HttpFailures.malformed(
          service, settings.rpcUrl(), method + " answer has no arguments object");
    }
    return answer;
  }

  private List<TransmissionTorrent> torrents(JsonNode answer) {
    JsonNode list = answer.get("torrents");
    if (list == null || !list.isArray()) {
      throw HttpFailures.malformed(service, settings.rpcUrl(), "torrent-get without torrents");
    }
    List<TransmissionTorrent> torrents = new ArrayList<>();
    for (JsonNode item : list) {
      JsonNode hash = item.get("hashString");
      if (hash == null || !hash.isTextual() || hash.asText().isBlank()) {
        throw HttpFailures.malformed(service, settings.rpcUrl(), "torrent without a hashString");
      }
      List<String> labels = new ArrayList<>();
      item.path("labels").forEach(label -> labels.add(label.asText()));
      torrents.add(
          new TransmissionTorrent(
              hash.asText().toLowerCase(Locale.ROOT),
              text(item, "name"),
              item.path("status").asInt(-1),
              item.path("error").asInt(0),
              text(item, "errorString"),
              item.path("percentDone").asDouble(0),
              item.path("leftUntilDone").asLong(0),
              item.path("isStalled").asBoolean(false),
              text(item, "downloadDir"),
              labels,
              item.path("uploadRatio").asDouble(0),
              item.path("secondsSeeding").asLong(0)));
    }
    return torrents;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  /**
   * Sends the current session id, and on a 409 that carries a new one keeps it and sends the
   * request once more. Concurrent calls may each meet a 409 and each retry: harmless.
   */
  private final class SessionInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = withSession(chain.request());
      Response response = chain.proceed(request);
      String renewed = response.header(SESSION_HEADER);
      if (response.code() != 409 || renewed == null) {
        return response;
      }
      response.close();
      sessionId.set(renewed);
      return chain.proceed(withSession(request));
    }

    private Request withSession(Request request) {
      String id = sessionId.get();
      return id == null ? request : request.newBuilder().header(SESSION_HEADER, id).build();
    }
  }
}
