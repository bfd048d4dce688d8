package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 2: the packaged gateway is {@code kill -9}ed in the middle of a stream of Seerr
 * webhooks, and the Temporal dev server (SQLite file) is stopped and restarted from its file while
 * the stream goes on. The sender behaves like a webhook source that retries until it gets a 2xx.
 * Every acknowledged event must become exactly one workflow: none lost, none duplicated, none that
 * was never sent. No worker runs, so every workflow stays Running and is counted by a visibility
 * list query.
 *
 * <p>Counts: {@code -Dchaos.webhooks} (default 200), {@code -Dchaos.temporal-down} (seconds the
 * server stays down, default 5), {@code -Dchaos.seed} (random kill points).
 */
@Tag("chaos")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class GatewayChaosIT {
  private static final int WEBHOOKS = Integer.getInteger("chaos.webhooks", 200);
  private static final Duration TEMPORAL_DOWN =
      Duration.ofSeconds(Integer.getInteger("chaos.temporal-down", 5));
  private static final long SEED = Long.getLong("chaos.seed", System.nanoTime());
  private static final Duration GATEWAY_START = Duration.ofSeconds(90);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Request ID → number of 2xx answers it got (more than one only after a lost answer). */
  private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();

  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger progress = new AtomicInteger();

  @Test
  void everyAcknowledgedWebhookBecomesExactlyOneWorkflowDespiteKillsAndATemporalRestart()
      throws Exception {
    Path jar =
        Path.of(System.getProperty("temporarr.gateway.jar", "target/temporarr-gateway.jar"))
            .toAbsolutePath();
    Path dir =
        Files.createDirectories(Path.of("target", "chaos", "gateway-" + System.currentTimeMillis()))
            .toAbsolutePath();
    Random random = new Random(SEED);
    int temporalPort = TemporalDevServer.freePort();
    int httpPort = TemporalDevServer.freePort();
    int killAt = WEBHOOKS / 5 + random.nextInt(Math.max(1, WEBHOOKS / 5));
    int temporalStopAt = WEBHOOKS / 2 + random.nextInt(Math.max(1, WEBHOOKS / 5));
    int secondKillAt = temporalStopAt + Math.max(1, WEBHOOKS / 10);

    TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);
    JarProcess gateway = null;
    CompletableFuture<Void> stream = null;
    try {
      gateway = startGateway(jar, dir, 1, httpPort, temporal.address());
      stream = CompletableFuture.runAsync(() -> sendAll(httpPort));

      awaitProgress(killAt, stream);
      assertThat(gateway.kill9()).as("exit status of a SIGKILLed gateway").isEqualTo(137);
      gateway = startGateway(jar, dir, 2, httpPort, temporal.address());

      awaitProgress(temporalStopAt, stream);
      temporal.close();
      awaitProgress(secondKillAt, stream);
      // The second crash happens while Temporal is down: acknowledged events sit in the inbox only.
      assertThat(gateway.kill9()).isEqualTo(137);
      gateway = startGateway(jar, dir, 3, httpPort, temporal.address());
      await().pollDelay(TEMPORAL_DOWN).atMost(TEMPORAL_DOWN.plusSeconds(1)).until(() -> true);
      temporal = TemporalDevServer.start(dir.resolve("temporal"), temporalPort);

      stream.get(15, TimeUnit.MINUTES);
      JarProcess drained = gateway;
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> drained.metric("temporarr_gateway_inbox_depth") == 0);

      List<String> executions = requestWorkflowIds(temporal);
      Set<String> distinct = new HashSet<>(executions);
      Set<String> lost = new HashSet<>(acknowledged.keySet());
      lost.removeAll(distinct);
      Set<String> unexpected = new HashSet<>(distinct);
      unexpected.removeAll(acknowledged.keySet());
      int duplicates = executions.size() - distinct.size();
      System.out.printf(
          "chaos 2 (gateway kill -9 x2, Temporal down %ds): sent=%d attempts=%d acknowledged=%d"
              + " workflows=%d completed=n/a(no worker) duplicates=%d lost=%d unexpected=%d"
              + " dead=%d seed=%d%n",
          TEMPORAL_DOWN.toSeconds(),
          WEBHOOKS,
          attempts.get(),
          acknowledged.size(),
          executions.size(),
          duplicates,
          lost.size(),
          unexpected.size(),
          (long) gateway.metric("temporarr_gateway_inbox_dead_total"),
          SEED);
      assertThat(acknowledged).as("every webhook eventually acknowledged").hasSize(WEBHOOKS);
      assertThat(lost).as("acknowledged but lost").isEmpty();
      assertThat(duplicates).as("duplicated executions").isZero();
      assertThat(unexpected).as("workflows nobody asked for").isEmpty();
      assertThat(gateway.metric("temporarr_gateway_inbox_dead_total")).isZero();
    } finally {
      if (stream != null) {
        stream.cancel(true);
      }
      if (gateway != null) {
        gateway.close();
      }
      temporal.close();
    }
  }

  /** Sends request 1..N in order; each is retried (as a webhook source does) until answered 2xx. */
  private void sendAll(int httpPort) {
    for (int request = 1; request <= WEBHOOKS; request++) {
      String body = approval(request);
      String id = "media-request:seerr:" + request;
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .pollDelay(Duration.ZERO)
          .until(() -> send(httpPort, id, body));
      progress.incrementAndGet();
    }
  }

  private boolean send(int httpPort, String id, String body) throws InterruptedException {
    attempts.incrementAndGet();
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/seerr"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", TestCredentials.SEERR)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 == 2) {
        acknowledged.merge(id, 1, Integer::sum);
        return true;
      }
      return false;
    } catch (IOException gatewayDown) {
      return false;
    }
  }

  private void awaitProgress(int sent, CompletableFuture<Void> stream) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> progress.get() >= sent || stream.isDone());
    assertThat(stream.isCompletedExceptionally()).as("webhook stream failed").isFalse();
  }

  private JarProcess startGateway(Path jar, Path dir, int generation, int httpPort, String target)
      throws Exception {
    return JarProcess.start(
        jar,
        dir.resolve("gateway-" + generation + ".log"),
        httpPort,
        Map.of(
            "TEMPORARR_GATEWAY_SEERR_AUTHORIZATION", TestCredentials.SEERR,
            "TEMPORARR_GATEWAY_QBITTORRENT_TOKEN", TestCredentials.QBITTORRENT,
            "TEMPORARR_GATEWAY_OPERATOR_TOKEN", TestCredentials.OPERATOR,
            "TEMPORARR_GATEWAY_EVENTS_SECRETS", TestCredentials.EVENTS,
            // A stream far above Seerr's production budget: this test is about durability.
            "TEMPORARR_GATEWAY_RATELIMITS_SEERR_LIMITFORPERIOD", "1000000"),
        List.of(
            "--spring.temporal.connection.target=" + target,
            "--temporarr.gateway.inbox.path=" + dir.resolve("gateway/inbox.db"),
            "--temporarr.gateway.call-timeout=2s",
            "--temporarr.gateway.inbox.max-backoff=5s"),
        GATEWAY_START);
  }

  /** Every MediaRequestWorkflow execution's ID, one entry per execution (so duplicates show). */
  private static List<String> requestWorkflowIds(TemporalDevServer temporal) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    try {
      return WorkflowClient.newInstance(stubs)
          .listExecutions("WorkflowType = 'MediaRequestWorkflow'")
          .map(execution -> execution.getExecution().getWorkflowId())
          .toList();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static String approval(int request) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + request + "\"");
  }
}
