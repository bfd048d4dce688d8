package io.temporarr.worker.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A {@code toxiproxy-server} process on loopback and the few calls of its HTTP API the chaos suite
 * needs: create a proxy, add a toxic, remove it, delete the proxy.
 *
 * <p>The HTTP API is driven directly rather than through {@code toxiproxy-java}: it is four JSON
 * calls, OkHttp and Jackson are already on the test classpath, and the toxic attributes sent are
 * exactly the ones documented by the server version that {@code scripts/install-test-tools} builds,
 * with no client library version to keep in step with it.
 *
 * <p>The binary is looked up on PATH, then in {@code $TEMPORARR_TOOLS_BIN} (default {@code
 * ~/.local/share/temporarr/bin}), where {@code scripts/install-test-tools} puts it. A missing
 * binary fails the test.
 */
final class ToxiproxyServer implements AutoCloseable {

  /** The toxics scenario 4 applies, with the attributes it sends. */
  enum Toxic {
    /** Every response arrives 5 s late. */
    LATENCY("latency", Map.of("latency", 5_000, "jitter", 0)),
    /** The connection goes silent: data is dropped and the connection held open (timeout 0). */
    TIMEOUT("timeout", Map.of("timeout", 0)),
    /** The connection is reset (TCP RST) as soon as data flows. */
    RESET_PEER("reset_peer", Map.of("timeout", 0)),
    /** Responses trickle at 1 KB/s, the lowest rate the toxic takes. */
    BANDWIDTH("bandwidth", Map.of("rate", 1));

    final String type;
    final Map<String, Integer> attributes;

    Toxic(String type, Map<String, Integer> attributes) {
      this.type = type;
      this.attributes = attributes;
    }
  }

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(30);

  private final Process process;
  private final Thread reaper;
  private final Path log;
  private final HttpUrl api;
  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  private ToxiproxyServer(Process process, Path log, HttpUrl api) {
    this.process = process;
    this.log = log;
    this.api = api;
    this.reaper = new Thread(process::destroyForcibly, "reap-toxiproxy-" + process.pid());
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Starts the server on a free loopback port and waits until its API answers. */
  static ToxiproxyServer start(Path log) throws IOException, InterruptedException {
    int port = TemporalDevServer.freePort();
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(binary(), "-host", "127.0.0.1", "-port", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ToxiproxyServer server =
        new ToxiproxyServer(
            process,
            log,
            new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(port).build());
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        server.close();
        throw new IllegalStateException("toxiproxy-server exited: " + Files.readString(log));
      }
      if (server.answers()) {
        return server;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    server.close();
    throw new IllegalStateException("toxiproxy-server did not answer in time: " + log);
  }

  private static String binary() {
    try {
      return Tools.require("toxiproxy-server");
    } catch (IllegalStateException notOnPath) {
      String dir =
          System.getenv()
              .getOrDefault(
                  "TEMPORARR_TOOLS_BIN",
                  Path.of(System.getProperty("user.home"), ".local/share/temporarr/bin")
                      .toString());
      Path candidate = Path.of(dir, "toxiproxy-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
      throw new IllegalStateException(
          "toxiproxy-server is not installed (not on PATH, not in "
              + dir
              + "): run scripts/install-test-tools",
          notOnPath);
    }
  }

  private boolean answers() {
    try (Response response =
        http.newCall(new Request.Builder().url(url("version")).build()).execute()) {
      return response.isSuccessful();
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * Creates an enabled proxy listening on a free loopback port in front of {@code upstream} ({@code
   * host:port}); returns the port it listens on.
   */
  int createProxy(String name, String upstream) throws IOException {
    JsonNode proxy =
        call(
            "POST",
            url("proxies"),
            Map.of("name", name, "listen", "127.0.0.1:0", "upstream", upstream, "enabled", true));
    String listen = proxy.path("listen").asText();
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** Adds {@code toxic} to every connection of proxy {@code proxy}, downstream (responses). */
  void addToxic(String proxy, Toxic toxic) throws IOException {
    call(
        "POST",
        url("proxies", proxy, "toxics"),
        Map.of(
            "name",
            toxic.type,
            "type",
            toxic.type,
            "stream",
            "downstream",
            "toxicity",
            1.0,
            "attributes",
            toxic.attributes));
  }

  /** Removes {@code toxic} from proxy {@code proxy}. */
  void removeToxic(String proxy, Toxic toxic) throws IOException {
    call("DELETE", url("proxies", proxy, "toxics", toxic.type), null);
  }

  /** The names of the toxics currently on proxy {@code proxy}. */
  List<String> toxics(String proxy) throws IOException {
    JsonNode toxics = call("GET", url("proxies", proxy, "toxics"), null);
    return toxics.findValuesAsText("name");
  }

  /** Deletes proxy {@code proxy}: it stops listening and drops its connections. */
  void deleteProxy(String proxy) throws IOException {
    call("DELETE", url("proxies", proxy), null);
  }

  private JsonNode call(String method, HttpUrl url, Object body) throws IOException {
    RequestBody content =
        body == null ? null : RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
    try (Response response =
        http.newCall(new Request.Builder().url(url).method(method, content).build()).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException(method + " " + url + " answered " + response.code() + ": " + text);
      }
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder builder = api.newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder.build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running already: the process is being reaped anyway.
    }
  }

  @Override
  public String toString() {
    return "toxiproxy-server " + api + " (log " + log + ")";
  }
}
