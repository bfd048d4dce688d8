package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.activities.torznab.TorznabFixtureServer;
import io.temporarr.activities.torznab.TorznabFixtureServer.FixtureItem;
import io.temporarr.worker.chaos.ToxiproxyServer.Toxic;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.ErrorInfo;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 4: Toxiproxy sits between the packaged worker and each of its services (the
 * Torznab fixture indexer, a real qbittorrent-nox, the webhook notification sink). Each cell of the
 * matrix puts one toxic (latency 5 s, timeout, reset_peer, bandwidth 1 KB/s) on one service's proxy
 * and runs {@code -Dchaos.toxi.requests} requests (default 1) through it, one after another. Every
 * request must end Completed or NeedsAttention within {@code -Dchaos.toxi.bound} seconds (default
 * 240), and no workflow may wait without a timer. Once the toxic is gone, each request that needed
 * attention is retried by an operator and must then complete.
 *
 * <p>{@code -Dchaos.toxi.matrix=full} (the default) runs all twelve cells. {@code reduced} (the CI
 * run) runs four: each toxic once, on the service {@code (toxic index + seed) mod 3}, so each
 * service is hit at least once per run and the seed rotates the pairs between runs.
 *
 * <p>The worker runs with activity schedule-to-close timeouts of 20–30 s instead of 5–15 min: a
 * faulty service then ends in NeedsAttention within the test's time. The production values bound
 * the same paths, only later.
 */
@Tag("chaos")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ToxiproxyChaosIT {
  private static final int REQUESTS = Integer.getInteger("chaos.toxi.requests", 1);
  private static final boolean FULL =
      !"reduced".equals(System.getProperty("chaos.toxi.matrix", "full"));
  private static final long SEED = Long.getLong("chaos.seed", System.nanoTime());
  private static final Duration BOUND =
      Duration.ofSeconds(Integer.getInteger("chaos.toxi.bound", 240));
  private static final String API_KEY = "chaos-key";

  /** The services behind a proxy; the name is the proxy's. */
  enum Service {
    INDEXER,
    QBITTORRENT,
    NOTIFIER;

    String proxy() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One toxic on one service's proxy. */
  record Cell(Toxic toxic, Service service) {
    @Override
    public String toString() {
      return toxic.type + "/" + service.proxy();
    }
  }

  /** How one request ended: its state (null when it did not end within the bound), and when. */
  record Outcome(Cell cell, String workflowId, RequestState state, Duration took) {}

  private final OkHttpClient http = HttpClients.create();

  static List<Cell> cells(boolean full, long seed) {
    List<Cell> cells = new ArrayList<>();
    Toxic[] toxics = Toxic.values();
    Service[] services = Service.values();
    for (int t = 0; t < toxics.length; t++) {
      if (full) {
        for (Service service : services) {
          cells.add(new Cell(toxics[t], service));
        }
      } else {
        cells.add(new Cell(toxics[t], services[(int) Math.floorMod(t + seed, services.length)]));
      }
    }
    return cells;
  }

  @Test
  void everyRequestCompletesOrNeedsAttentionUnderEachToxicAndNoneWaitsWithoutATimer()
      throws Exception {
    List<Cell> cells = cells(FULL, SEED);
    Path work = Files.createTempDirectory("temporarr-chaos-toxi-");
    Path logs =
        Path.of("target", "chaos", "toxiproxy-" + System.currentTimeMillis()).toAbsolutePath();
    try (ToxiproxyServer toxiproxy = ToxiproxyServer.start(logs.resolve("toxiproxy.log"));
        // qBittorrent answers 401 ("Invalid Host header, port mismatch") when the Host header names
        // another port than its own, as it does through the proxy: host validation off.
        LocalSwarm swarm =
            LocalSwarm.start(http, "\"web_ui_host_header_validation_enabled\":false");
        TorznabFixtureServer indexer = TorznabFixtureServer.start(API_KEY)) {
      int total = cells.size() * REQUESTS;
      List<TorrentPayload> payloads = new ArrayList<>();
      for (int n = 1; n <= total; n++) {
        payloads.add(swarm.seed(work.resolve("p" + n), releaseTitle(n)));
      }
      swarm.awaitSeeding(Duration.ofMinutes(2));

      HttpUrl indexerUrl = proxied(toxiproxy, Service.INDEXER, indexer.apiUrl());
      HttpUrl qbittorrentUrl = proxied(toxiproxy, Service.QBITTORRENT, swarm.downloader.baseUrl());
      try (ChaosStack stack =
          ChaosStack.start(
              "toxiproxy",
              workerArgs(work, indexerUrl, qbittorrentUrl),
              Map.of(),
              // The sink's base URL, without the trailing slash HttpUrl adds: "/webhook" follows.
              sink ->
                  proxied(toxiproxy, Service.NOTIFIER, HttpUrl.get(sink))
                      .toString()
                      .replaceAll("/$", ""))) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> unrecovered = new ArrayList<>();
        // Checked twice: while a request waits for an operator (its timer must be open) and at the
        // end, with the download monitor, which polls on a timer for as long as the worker runs.
        List<String> stuck = new ArrayList<>();
        int recovered = 0;
        int n = 0;
        for (Cell cell : cells) {
          Instant cellStart = Instant.now();
          Map<String, Integer> needAttention = new LinkedHashMap<>();
          toxiproxy.addToxic(cell.service().proxy(), cell.toxic());
          try {
            for (int r = 0; r < REQUESTS; r++) {
              n++;
              serve(indexer, n, payloads.get(n - 1));
              Outcome outcome = run(stack, cell, n);
              outcomes.add(outcome);
              if (outcome.state() == RequestState.NEEDS_ATTENTION) {
                needAttention.put(outcome.workflowId(), n);
                if (stack.stuck(outcome.workflowId())) {
                  stuck.add(outcome.workflowId() + " (in NeedsAttention)");
                }
              }
            }
          } finally {
            toxiproxy.removeToxic(cell.service().proxy(), cell.toxic());
          }
          // The service is healthy again: an operator's retry must finish each request.
          for (Map.Entry<String, Integer> e : needAttention.entrySet()) {
            serve(indexer, e.getValue(), payloads.get(e.getValue() - 1));
            if (retried(stack, e.getKey()) == RequestState.COMPLETED) {
              recovered++;
            } else {
              unrecovered.add(e.getKey());
            }
          }
          System.out.printf(
              "  toxic %s: %s; retried after the toxic: %d; %d s%n",
              cell,
              outcomes.subList(outcomes.size() - REQUESTS, outcomes.size()).stream()
                  .map(o -> o.state() + " in " + o.took().toSeconds() + " s")
                  .toList(),
              needAttention.size(),
              Duration.between(cellStart, Instant.now()).toSeconds());
        }

        List<String> ids = outcomes.stream().map(Outcome::workflowId).toList();
        List<String> all = new ArrayList<>(ids);
        all.add(WorkflowIds.downloadMonitor("qbittorrent"));
        all.stream().filter(stack::stuck).forEach(stuck::add);
        Map<RequestState, Integer> ends = new EnumMap<>(RequestState.class);
        outcomes.stream()
            .filter(o -> o.state() != null)
            .forEach(o -> ends.merge(o.state(), 1, Integer::sum));
        List<Outcome> unfinished =
            outcomes.stream()
                .filter(
                    o ->
                        o.state() != RequestState.COMPLETED
                            && o.state() != RequestState.NEEDS_ATTENTION)
                .toList();
        long duplicates = stack.keysPerEvent().values().stream().filter(k -> k.size() > 1).count();
        long slowest = outcomes.stream().mapToLong(o -> o.took().toSeconds()).max().orElse(0);
        System.out.printf(
            "chaos 4 (toxiproxy latency 5s/timeout/reset_peer/bandwidth on"
                + " indexer/qBittorrent/notifier, %d cells x %d): sent=%d acknowledged=%d"
                + " workflows=%d completed=%d needs-attention=%d recovered=%d unrecovered=%d"
                + " duplicates=%d stuck=%d lost=%d slowest=%ds notification-redeliveries=%d"
                + " seed=%d%n",
            cells.size(),
            REQUESTS,
            total,
            ids.size(),
            ids.size(),
            ends.getOrDefault(RequestState.COMPLETED, 0),
            ends.getOrDefault(RequestState.NEEDS_ATTENTION, 0),
            recovered,
            unrecovered.size(),
            duplicates,
            stuck.size(),
            unfinished.size(),
            slowest,
            stack.redeliveries(),
            SEED);
        for (Service service : Service.values()) {
          assertThat(toxiproxy.toxics(service.proxy()))
              .as("toxics left on %s", service.proxy())
              .isEmpty();
        }
        assertThat(unfinished)
            .as("requests not Completed or NeedsAttention within %s", BOUND)
            .isEmpty();
        assertThat(stuck).as("workflows waiting without an activity, child or timer").isEmpty();
        assertThat(unrecovered).as("requests an operator's retry did not complete").isEmpty();
        assertThat(duplicates).as("events notified under two keys").isZero();
      } finally {
        for (Service service : Service.values()) {
          deleteQuietly(toxiproxy, service);
        }
      }
    }
  }

  /** Starts request {@code n} and waits until it is Completed, NeedsAttention or the bound. */
  private static Outcome run(ChaosStack stack, Cell cell, int n) {
    String requestId = "toxi-" + n;
    String id = WorkflowIds.mediaRequest("seerr", requestId);
    Instant start = Instant.now();
    WorkflowClient.start(
        stack.newRequest(id)::run,
        MediaRequestInput.movie("seerr", requestId, "Chaos Toxi Movie " + n, 2024, 6000 + n));
    RequestState state = awaitEnd(stack, id, null);
    return new Outcome(cell, id, state, Duration.between(start, Instant.now()));
  }

  /** An operator's retry of a request in NeedsAttention; its state once it ends again. */
  private static RequestState retried(ChaosStack stack, String id) {
    MediaRequestWorkflow request = stack.client().newWorkflowStub(MediaRequestWorkflow.class, id);
    ErrorInfo before = request.status().lastError();
    request.retry(new OperatorAction("retry-" + id, "chaos", "toxic removed"));
    return awaitEnd(stack, id, before);
  }

  /**
   * Completed (or another final state) once the workflow closes; NeedsAttention while it waits for
   * an operator with an error other than {@code handled} (the one an operator already retried);
   * null when neither happens within the bound.
   */
  private static RequestState awaitEnd(ChaosStack stack, String id, ErrorInfo handled) {
    RequestState[] end = new RequestState[1];
    try {
      await()
          .atMost(BOUND)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () -> {
                end[0] = endState(stack, id, handled);
                return end[0] != null;
              });
      return end[0];
    } catch (ConditionTimeoutException notInTime) {
      return null;
    }
  }

  private static RequestState endState(ChaosStack stack, String id, ErrorInfo handled)
      throws java.util.concurrent.TimeoutException {
    if (stack.describe(id).getWorkflowExecutionInfo().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return stack
          .client()
          .newUntypedWorkflowStub(id)
          .getResult(10, TimeUnit.SECONDS, MediaRequestResult.class)
          .state();
    }
    RequestStatus status = stack.client().newWorkflowStub(MediaRequestWorkflow.class, id).status();
    return status.state() == RequestState.NEEDS_ATTENTION
            && !Objects.equals(status.lastError(), handled)
        ? status.state()
        : null;
  }

  private static String releaseTitle(int n) {
    return "Chaos.Toxi.Movie." + n + ".2024.1080p";
  }

  private static void serve(TorznabFixtureServer indexer, int n, TorrentPayload payload) {
    indexer.serve(
        List.of(FixtureItem.ofTorrentFile(releaseTitle(n) + ".WEB-DL", payload.torrentBytes(), 9)));
  }

  /**
   * A proxy for {@code service} in front of {@code url}'s host and port; {@code url} through it.
   */
  private static HttpUrl proxied(ToxiproxyServer toxiproxy, Service service, HttpUrl url) {
    try {
      int port = toxiproxy.createProxy(service.proxy(), url.host() + ":" + url.port());
      return url.newBuilder().host("127.0.0.1").port(port).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(ToxiproxyServer toxiproxy, Service service) {
    try {
      toxiproxy.deleteProxy(service.proxy());
    } catch (IOException alreadyGone) {
      // Never created (a failure before it), or gone with the server: nothing listens any more.
    }
  }

  private static List<String> workerArgs(Path work, HttpUrl indexerUrl, HttpUrl qbittorrentUrl) {
    List<String> args =
        new ArrayList<>(ChaosStack.realServiceArgs(work, indexerUrl, API_KEY, qbittorrentUrl));
    args.addAll(
        List.of(
            // A tripped indexer breaker would otherwise fail the next cells' searches for 5 min.
            "--temporarr.search.circuit-breaker.wait-duration-in-open-state=2s",
            // Production bounds are 1 min per attempt and 5–15 min per step; the same paths, scaled
            // to
            // the test's time. 30 s per attempt is the HTTP client's call timeout.
            "--temporarr.activities.defaults.start-to-close=30s",
            "--temporarr.activities.defaults.schedule-to-close=30s",
            "--temporarr.activities.search.start-to-close=20s",
            "--temporarr.activities.search.schedule-to-close=20s",
            "--temporarr.activities.send-notification.start-to-close=20s",
            "--temporarr.activities.send-notification.schedule-to-close=20s",
            "--temporarr.activities.remove-download.schedule-to-close=30s",
            "--temporarr.activities.retire-download.schedule-to-close=30s"));
    return args;
  }
}
