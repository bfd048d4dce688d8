package io.temporarr.benchmarks.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.workflows.common.WorkflowIds;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A reader of the sandbox's simulated qBittorrent (WebUI API v2, as a watcher on the real client
 * would read it): the torrents it reports complete.
 */
final class SandboxTorrents {

  /** One completed torrent, with what qBittorrent's autorun command would pass on. */
  record Torrent(String hash, String name, String category, String tags, String contentPath) {

    /** The media-request tag the download activity puts on every torrent it adds. */
    Optional<String> requestWorkflowId() {
      return Arrays.stream(tags.split(","))
          .map(String::strip)
          .filter(WorkflowIds::isMediaRequest)
          .findFirst();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private String sid;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8081/sandbox/qbittorrent}
   */
  SandboxTorrents(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Torrents at 100 %. */
  List<Torrent> completed() throws IOException, InterruptedException {
    if (sid == null) {
      login();
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/torrents/info"))
                .header("Cookie", "SID=" + sid)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 403) {
      sid = null;
      return List.of();
    }
    return parseCompleted(response.body());
  }

  static List<Torrent> parseCompleted(String body) throws IOException {
    List<Torrent> completed = new ArrayList<>();
    for (JsonNode t : JSON.readTree(body)) {
      if (t.path("progress").asDouble() >= 1.0) {
        completed.add(
            new Torrent(
                t.path("hash").asText(),
                t.path("name").asText(),
                t.path("category").asText(),
                t.path("tags").asText(),
                t.path("content_path").asText()));
      }
    }
    return completed;
  }

  private void login() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "admin", "password", "sandbox")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    sid =
        response.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith("SID="))
            .map(c -> c.substring(4, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new IOException("sandbox qBittorrent login: " + response.body()));
  }

  static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }
}
