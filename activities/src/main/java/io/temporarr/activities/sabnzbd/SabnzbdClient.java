package io.temporarr.activities.sabnzbd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpFailures;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * SABnzbd's API ({@code GET <base>api?mode=…&apikey=…&output=json}), 3.x to 5.x.
 *
 * <p>Failures: as mapped by {@link HttpFailures}; in addition a rejected API key is {@code
 * Unauthorized} (non-retryable) whether SABnzbd answers it with HTTP 403 and plain text (3.x and
 * later) or {@code {"status":false,"error":"API Key Incorrect"}}; any other {@code "error"} answer
 * is {@code BadRequest}, a body that is not the expected JSON {@code MalformedResponse} (both
 * non-retryable). The API key travels in the query, which no failure message contains.
 */
public class SabnzbdClient {

  private final OkHttpClient http;
  private final SabnzbdSettings settings;
  private final String service;
  private final ObjectMapper json = new ObjectMapper();

  /** Builds on the shared client (connection pool, timeouts). */
  public SabnzbdClient(OkHttpClient http, SabnzbdSettings settings) {
    this.settings = settings;
    this.service = "SABnzbd " + settings.name();
    this.http = http.newBuilder().addInterceptor(this::rejectedKey).build();
  }

  public SabnzbdSettings settings() {
    return settings;
  }

  /**
   * {@code mode=addurl}: SABnzbd fetches the NZB itself. Returns the new job's id (kept when the
   * fetched NZB replaces the placeholder job). Failures: {@code DownloadRejected} (non-retryable)
   * when SABnzbd refuses the URL (not http(s), duplicate rejected by its settings).
   */
  public String addUrl(HttpUrl nzbUrl, String jobName) {
    HttpUrl.Builder url =
        api("addurl")
            .addQueryParameter("name", nzbUrl.toString())
            .addQueryParameter("nzbname", jobName);
    if (settings.category() != null) {
      url.addQueryParameter("cat", settings.category());
    }
    JsonNode answer = get(url.build());
    JsonNode ids = answer.path("nzo_ids");
    if (!answer.path("status").asBoolean(false) || !ids.isArray() || ids.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          service + " refused the NZB URL (no job id in its answer)", ErrorTypes.DOWNLOAD_REJECTED);
    }
    JsonNode id = ids.get(0);
    if (!id.isTextual() || id.asText().isBlank()) {
      throw HttpFailures.malformed(service, url.build(), "nzo_ids[0] is not a job id");
    }
    return id.asText();
  }

  /**
   * {@code mode=queue}: jobs still downloading (or grabbing their NZB), filtered by SABnzbd.
   *
   * @param search substring of the job name, or null
   * @param nzoIds only these jobs, or empty for all
   */
  public List<SabnzbdJob> queue(String search, List<String> nzoIds) {
    HttpUrl url = listing("queue", search, nzoIds, 0);
    JsonNode queue = get(url).path("queue");
    List<SabnzbdJob> jobs = new ArrayList<>();
    for (JsonNode slot : slots(queue, url)) {
      long total = megabytes(slot.path("mb"));
      long left = megabytes(slot.path("mbleft"));
      jobs.add(
          new SabnzbdJob(
              text(slot, "nzo_id", url),
              text(slot, "filename", url),
              text(slot, "status", url),
              false,
              total,
              left,
              null,
              null));
    }
    return jobs;
  }

  /**
   * {@code mode=history}: jobs in post-processing first, then finished ones, newest first.
   *
   * @param limit at most this many entries; 0 for SABnzbd's own default
   */
  public List<SabnzbdJob> history(String search, List<String> nzoIds, int limit) {
    HttpUrl url = listing("history", search, nzoIds, limit);
    JsonNode history = get(url).path("history");
    List<SabnzbdJob> jobs = new ArrayList<>();
    for (JsonNode slot : slots(history, url)) {
      jobs.add(
          new SabnzbdJob(
              text(slot, "nzo_id", url),
              text(slot, "name", url),
              text(slot, "status", url),
              true,
              slot.path("bytes").asLong(0),
              0,
              blankToNull(slot.path("storage").asText(null)),
              blankToNull(slot.path("fail_message").asText(null))));
    }
    return jobs;
  }

  /** Removes a job from the queue, with its partial files when asked. Unknown ids are ignored. */
  public void deleteFromQueue(String nzoId, boolean deleteFiles) {
    delete("queue", nzoId, deleteFiles);
  }

  /**
   * Removes a history entry (SABnzbd 4.2+ archives it unless configured otherwise), with its files
   * when asked. Unknown ids are ignored.
   */
  public void deleteFromHistory(String nzoId, boolean deleteFiles) {
    delete("history", nzoId, deleteFiles);
  }

  private void delete(String mode, String nzoId, boolean deleteFiles) {
    // The answer's status is false for an id SABnzbd does not know: removing it anyway succeeds.
    get(
        api(mode)
            .addQueryParameter("name", "delete")
            .addQueryParameter("value", nzoId)
            .addQueryParameter("del_files", deleteFiles ? "1" : "0")
            .build());
  }

  private HttpUrl listing(String mode, String search, List<String> nzoIds, int limit) {
    HttpUrl.Builder url = api(mode);
    if (search != null) {
      url.addQueryParameter("search", search);
    }
    if (!nzoIds.isEmpty()) {
      url.addQueryParameter("nzo_ids", String.join(",", nzoIds));
    }
    if (limit > 0) {
      url.addQueryParameter("limit", Integer.toString(limit));
    }
    return url.build();
  }

  private JsonNode get(HttpUrl url) {
    JsonNode answer =
        HttpCalls.execute(http, new Request.Builder().url(url).build(), service, this::readObject);
    if (answer.has("error") && !answer.path("status").asBoolean(true)) {
      String error = answer.path("error").asText("");
      if (error.toLowerCase(Locale.ROOT).contains("api key")) {
        throw badKey(error);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          service + " rejected " + url.queryParameter("mode") + ": " + error,
          ErrorTypes.BAD_REQUEST);
    }
    return answer;
  }

  private JsonNode readObject(Response response) throws IOException {
    HttpUrl url = response.request().url();
    JsonNode root;
    try {
      root = json.readTree(response.body().string());
    } catch (JsonProcessingException e) {
      // Not an IOException to HttpCalls: the same body would come back, so never retry it.
      throw HttpFailures.malformed(service, url, "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw HttpFailures.malformed(service, url, "not a JSON object");
    }
    return root;
  }

  private Iterable<JsonNode> slots(JsonNode section, HttpUrl url) {
    JsonNode slots = section.path("slots");
    if (!section.isObject() || !slots.isArray()) {
      throw HttpFailures.malformed(service, url, "no slots list");
    }
    for (JsonNode slot : slots) {
      if (!slot.isObject()) {
        throw HttpFailures.malformed(service, url, "a slot is not an object");
      }
    }
    return slots;
  }

  private String text(JsonNode slot, String field, HttpUrl url) {
    JsonNode value = slot.get(field);
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw HttpFailures.malformed(service, url, "a slot has no " + field);
    }
    return value.asText();
  }

  /**
   * SABnzbd answers a missing or wrong key with HTTP 403 and a plain-text reason; other 403s
   * (external access or host name not allowed) stay Forbidden.
   */
  private Response rejectedKey(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() == 403) {
      String reason = response.peekBody(256).string().trim();
      if (reason.startsWith("API Key")) {
        response.close();
        throw badKey(reason);
      }
    }
    return response;
  }

  private ApplicationFailure badKey(String reason) {
    return ApplicationFailure.newNonRetryableFailure(
        service + " rejected the API key (" + reason + "): set the key from Config → General",
        ErrorTypes.UNAUTHORIZED);
  }

  private HttpUrl.Builder api(String mode) {
    return settings
        .baseUrl()
        .newBuilder()
        .addPathSegment("api")
        .addQueryParameter("mode", mode)
        .addQueryParameter("output", "json")
        .addQueryParameter("apikey", settings.apiKey());
  }

  /** SABnzbd sends sizes as strings of MiB with two decimals ({@code "1277.65"}). */
  private static long megabytes(JsonNode value) {
    double mib = value.isNumber() ? value.asDouble() : parse(value.asText(""));
    return Math.round(mib * 1024 * 1024);
  }

  private static double parse(String text) {
    try {
      return text.isBlank() ? 0 : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
