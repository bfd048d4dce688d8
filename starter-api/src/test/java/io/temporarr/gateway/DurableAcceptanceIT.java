package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.activities.testing.TemporalDevServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4's "Temporal down" test, on the real thing: the packaged gateway jar as its own process
 * and the real Temporal dev server (SQLite file). Webhooks posted while Temporal is stopped are
 * acknowledged, survive a {@code kill -9} of the gateway, and all become workflows once both are
 * back — counted with a visibility list query: zero lost, zero duplicated. No worker runs, so the
 * workflows stay Running. Loopback only.
 *
 * <p>Needs {@code starter-api/target/temporarr-gateway.jar}: run by maven-failsafe in the {@code
 * integration-test} phase of {@code -Preal-stack}, i.e. after {@code package} built the jar.
 */
@Tag("real-stack")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DurableAcceptanceIT {
  private static final int WEBHOOKS = 100;

  /** Requests that also get a qBittorrent completion and a Seerr decline while Temporal is down. */
  private static final int FOLLOWED_UP = 5;

  private static final Duration GATEWAY_START = Duration.ofSeconds(60);
  private static final Duration DRAIN = Duration.ofSeconds(90);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void webhooksAcknowledgedWhileTemporalIsDownSurviveAKillAndBecomeOneWorkflowEach()
      throws Exception {
    Path jar = gatewayJar();
    Path dir =
        Files.createDirectories(
                Path.of("target", "real-stack", "durable-acceptance-" + System.currentTimeMillis()))
            .toAbsolutePath();
    int temporalPort = TemporalDevServer.freePort();
    int httpPort = TemporalDevServer.freePort();
    Path inboxFile = dir.resolve("gateway/inbox.db");

    TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);
    Process gateway = null;
    try {
      gateway = startGateway(jar, dir, 1, httpPort, temporal.address(), inboxFile);

      temporal.close();
      int acknowledged = 0;
      int queued = 0;
      for (int request = 1; request <= WEBHOOKS; request++) {
        HttpResponse<String> answer = seerr(httpPort, approval(request));
        if (answer.statusCode() == 202) {
          acknowledged++;
          if ("queued".equals(json.readTree(answer.body()).path("status").asText())) {
            queued++;
          }
        }
      }
      assertThat(acknowledged).as("webhooks answered 202").isEqualTo(WEBHOOKS);
      assertThat(queued).as("answers saying queued").isEqualTo(WEBHOOKS);
      for (int request = 1; request <= FOLLOWED_UP; request++) {
        assertQueued(qbittorrent(httpPort, request));
        assertQueued(seerr(httpPort, decline(request)));
      }
      assertThat(inboxDepth(httpPort)).isEqualTo(WEBHOOKS + 2 * FOLLOWED_UP);

      kill9(gateway);
      // Back in the other order than they went: the gateway starts while Temporal is still down.
      gateway = startGateway(jar, dir, 2, httpPort, temporal.address(), inboxFile);
      assertThat(inboxDepth(httpPort))
          .as("inbox after kill -9")
          .isEqualTo(WEBHOOKS + 2 * FOLLOWED_UP);
      temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);

      int gatewayPort = httpPort;
      await()
          .atMost(DRAIN)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> inboxDepth(gatewayPort) == 0);

      List<String> executions = requestWorkflowIds(temporal);
      Set<String> distinct = new HashSet<>(executions);
      Set<String> expected =
          IntStream.rangeClosed(1, WEBHOOKS)
              .mapToObj(request -> "media-request:seerr:" + request)
              .collect(Collectors.toSet());
      Set<String> lost = new HashSet<>(expected);
      lost.removeAll(distinct);
      int duplicates = executions.size() - distinct.size();
      System.out.printf(
          "durable acceptance: sent=%d acknowledged=%d queued=%d workflows=%d distinct=%d"
              + " duplicates=%d lost=%d (plus %d completions and %d declines, delivered in order)%n",
          WEBHOOKS,
          acknowledged,
          queued,
          executions.size(),
          distinct.size(),
          duplicates,
          lost.size(),
          FOLLOWED_UP,
          FOLLOWED_UP);
      assertThat(lost).as("lost requests").isEmpty();
      assertThat(duplicates).as("duplicated executions").isZero();
      assertThat(distinct).as("workflow IDs").isEqualTo(expected);
      assertThat(metric(httpPort, "temporarr_gateway_inbox_dead_total")).isZero();
      // Per workflow, Temporal got the deliveries in the order the gateway acknowledged them.
      for (int request = 1; request <= FOLLOWED_UP; request++) {
        assertThat(signals(temporal, "media-request:seerr:" + request))
            .containsExactly("downloadFinished", "requestAction");
      }
    } finally {
      if (gateway != null) {
        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      temporal.close();
    }
  }

  private static Path gatewayJar() {
    Path jar = Path.of(System.getProperty("temporarr.gateway.jar", "target/temporarr-gateway.jar"));
    assertThat(jar)
        .as(
            "the gateway jar (build it first: mvn -pl starter-api -Preal-stack verify runs this"
                + " test after `package`)")
        .isRegularFile();
    return jar.toAbsolutePath();
  }

  private Process startGateway(
      Path jar, Path dir, int generation, int httpPort, String temporal, Path inboxFile)
      throws Exception {
    Path log = dir.resolve("gateway-" + generation + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + httpPort,
                "--spring.temporal.connection.target=" + temporal,
                "--temporarr.gateway.inbox.path=" + inboxFile,
                "--temporarr.gateway.call-timeout=2s",
                // Bounds the test: the drainer retries at least every 5 s once Temporal is back.
                "--temporarr.gateway.inbox.max-backoff=5s")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("TEMPORARR_GATEWAY_SEERR_AUTHORIZATION", TestCredentials.SEERR);
    env.put("TEMPORARR_GATEWAY_QBITTORRENT_TOKEN", TestCredentials.QBITTORRENT);
    env.put("TEMPORARR_GATEWAY_OPERATOR_TOKEN", TestCredentials.OPERATOR);
    env.put("TEMPORARR_GATEWAY_EVENTS_SECRETS", TestCredentials.EVENTS);
    // A burst of webhooks far above Seerr's production budget (20/s): this test is about
    // durability.
    env.put("TEMPORARR_GATEWAY_RATELIMITS_SEERR_LIMITFORPERIOD", "100000");
    env.put("TEMPORARR_GATEWAY_RATELIMITS_QBITTORRENT_LIMITFORPERIOD", "100000");
    Process process = builder.start();
    try {
      await()
          .atMost(GATEWAY_START)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !process.isAlive() || healthy(httpPort));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw new AssertionError("gateway did not start: " + tail(log), e);
    }
    assertThat(process.isAlive()).as("gateway exited: %s", tail(log)).isTrue();
    return process;
  }

  private boolean healthy(int httpPort) {
    try {
      return get(httpPort, "/actuator/health").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code kill -9}: no shutdown hook, no graceful stop, exactly what a crash looks like. */
  private static void kill9(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(137);
  }

  private void assertQueued(HttpResponse<String> answer) throws IOException {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("queued");
  }

  /** The names of the signals in the workflow's history, in history order. */
  private List<String> signals(TemporalDevServer temporal, String workflowId) throws Exception {
    JsonNode history =
        json.readTree(temporal.cli("workflow", "show", "-w", workflowId, "-o", "json"));
    List<String> signals = new ArrayList<>();
    for (JsonNode event : history.path("events")) {
      JsonNode signaled = event.path("workflowExecutionSignaledEventAttributes");
      if (!signaled.isMissingNode()) {
        signals.add(signaled.path("signalName").asText());
      }
    }
    return signals;
  }

  private List<String> requestWorkflowIds(TemporalDevServer temporal) throws Exception {
    String lines =
        temporal.cli(
            "workflow", "list", "--query", "WorkflowType=\"MediaRequestWorkflow\"", "-o", "jsonl");
    List<String> ids = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode execution = json.readTree(line);
      ids.add(execution.path("execution").path("workflowId").asText());
    }
    return ids;
  }

  private long inboxDepth(int httpPort) throws Exception {
    return metric(httpPort, "temporarr_gateway_inbox_depth");
  }

  private long metric(int httpPort, String name) throws Exception {
    String metrics = get(httpPort, "/actuator/prometheus").body();
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    assertThat(matcher.find()).as("metric %s", name).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }

  private static String approval(int request) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + request + "\"");
  }

  private static String decline(int request) {
    return fixture("seerr/movie-declined.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + request + "\"");
  }

  /** One torrent per request: its infohash is the completion's event ID. */
  private HttpResponse<String> qbittorrent(int httpPort, int request) throws Exception {
    String hash = String.format("%040x", request);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/qbittorrent"))
            .timeout(Duration.ofSeconds(30))
            .header("X-Temporarr-Token", TestCredentials.QBITTORRENT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "hash=" + hash + "&tags=media-request:seerr:" + request))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> seerr(int httpPort, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/seerr"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", TestCredentials.SEERR)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int httpPort, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
