package io.temporarr.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.worker.Histories;
import io.temporarr.benchmarks.worker.SandboxStack;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.RequestState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 3 (docs/benchmarks.md): from "the download finished" to "the import started" (the
 * ImportMedia activity's ActivityTaskStarted event), per request, on the packaged sandbox worker
 * and a real dev server. Signal path: the completion is announced to the packaged gateway's
 * qBittorrent webhook the moment the download client reports the torrent complete (target p99 < 1
 * s). Polling path: no webhook; the shared monitor finds the completion on its next poll (target:
 * every request within one poll interval plus {@link #SLACK}).
 */
@Tag("benchmark")
class CompletionLatencyBenchmark {

  static final Duration SIGNAL_P99_TARGET = Duration.ofSeconds(1);

  /**
   * What the polling path may take beyond one interval: after the poll that sees the completion,
   * the same chain as the signal path (a signal, DownloadStatus, VerifyDownload, ImportMedia) plus
   * the poll activity itself, and the monitor's own poll duration between two timers. The signal
   * path's target bounds that chain, so the same second is allowed here.
   */
  static final Duration SLACK = Duration.ofSeconds(1);

  private static final int REQUESTS = Integer.getInteger("bench.latency.requests", 50);
  private static final int WARMUP = Integer.getInteger("bench.latency.warmup", 5);

  /**
   * Between two request starts: completions arrive one by one, as in a real library. One request
   * per second is about 30 % of what this worker completes per second on the benchmark machine
   * (benchmark 2, 3.4 per s), far above a self-hoster's load; a spacing of 200 ms (5 per s, beyond
   * that capacity) measures the queue that builds up, not the completion path (docs/benchmarks.md).
   */
  private static final Duration SPACING =
      Duration.ofMillis(Long.getLong("bench.latency.spacing-millis", 1000));

  private static final Duration DOWNLOAD =
      Duration.ofMillis(Long.getLong("bench.latency.download-millis", 2000));

  /** The polling path's interval (the sandbox default; production configures 10 s or more). */
  private static final Duration POLL =
      Duration.ofMillis(Long.getLong("bench.latency.poll-millis", 2000));

  /** The signal path's monitor interval: long enough that no poll finds a completion. */
  private static final Duration NO_POLL = Duration.ofHours(1);

  /** How often the watcher reads the download client (the webhook's reaction time). */
  private static final Duration WATCH = Duration.ofMillis(20);

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static final String QBITTORRENT_TOKEN = "bench-qbittorrent-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void signalPathStartsTheImportWithinASecondOfTheCompletionWebhookAtP99() throws Exception {
    try (SandboxStack stack = SandboxStack.start("latency-signal", DOWNLOAD, NO_POLL, List.of());
        JarProcess gateway = startGateway(stack)) {
      Map<String, Instant> announced = new ConcurrentHashMap<>();
      List<String> rejected = new ArrayList<>();
      String webhook = "http://127.0.0.1:" + gateway.httpPort() + "/webhooks/qbittorrent";
      try (CompletionWatcher watcher =
          new CompletionWatcher(
              new SandboxTorrents(stack.sandboxQbittorrentUrl()),
              WATCH,
              (torrent, seenAt) -> {
                String workflowId = torrent.requestWorkflowId().orElseThrow();
                Instant now = Instant.now();
                announced.put(workflowId, now);
                int status = announce(webhook, torrent);
                if (status != 202) {
                  rejected.add(workflowId + "=" + status);
                }
              })) {
        runPaced(stack, "signal-warm", WARMUP);
        List<String> ids = runPaced(stack, "signal", REQUESTS);
        assertThat(watcher.failures()).isEmpty();
        assertThat(rejected).as("webhooks not accepted with 202").isEmpty();

        Map<String, Duration> latency = new LinkedHashMap<>();
        Milestones milestones = new Milestones();
        long progressSignals = 0;
        for (String id : ids) {
          List<HistoryEvent> history = stack.history(id);
          latency.put(id, Duration.between(announced.get(id), importStarted(history)));
          milestones.add(announced.get(id), Histories.importMilestones(history));
          progressSignals += signalsNamed(history, "downloadProgress");
        }
        Percentiles p = Percentiles.of(latency.values());
        BenchReport.named("latency-signal", "completion webhook -> import started (signal path)")
            .put("requests", REQUESTS)
            .put("spacingMillis", SPACING.toMillis())
            .put("downloadMillis", DOWNLOAD.toMillis())
            .put("watchMillis", WATCH.toMillis())
            .put("progressSignals", progressSignals)
            .put("p50Millis", Percentiles.millis(p.percentile(50)))
            .put("p99Millis", Percentiles.millis(p.percentile(99)))
            .put("maxMillis", Percentiles.millis(p.max()))
            .put("targetP99Millis", SIGNAL_P99_TARGET.toMillis())
            .put("medianMilestones", milestones.medians())
            .write();
        assertThat(progressSignals)
            .as("no monitor poll may wake a request: this measures the webhook alone")
            .isZero();
        assertThat(p.percentile(99)).as("signal path p99").isLessThan(SIGNAL_P99_TARGET);
      }
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void pollingPathStartsTheImportWithinOnePollIntervalOfTheDownloadFinishing() throws Exception {
    Map<String, Instant> seen = new ConcurrentHashMap<>();
    try (SandboxStack stack = SandboxStack.start("latency-polling", DOWNLOAD, POLL, List.of());
        CompletionWatcher watcher =
            new CompletionWatcher(
                new SandboxTorrents(stack.sandboxQbittorrentUrl()),
                WATCH,
                (torrent, at) -> seen.put(torrent.requestWorkflowId().orElseThrow(), at))) {
      runPaced(stack, "polling-warm", WARMUP);
      List<String> ids = runPaced(stack, "polling", REQUESTS);
      assertThat(watcher.failures()).isEmpty();

      // "Finished" is bounded by AddDownload's scheduling + the download duration: the sandbox
      // starts the download inside that activity, so this bound over-states the latency. The
      // watcher's first sight of 100 % (every 20 ms) under-states it; both are reported.
      List<Duration> bounded = new ArrayList<>();
      List<Duration> observed = new ArrayList<>();
      Milestones milestones = new Milestones();
      for (String id : ids) {
        List<HistoryEvent> history = stack.history(id);
        Instant imported = importStarted(history);
        Instant added = Histories.firstScheduled(history, ActivityTypes.ADD_DOWNLOAD).orElseThrow();
        bounded.add(Duration.between(added.plus(DOWNLOAD), imported));
        milestones.add(added.plus(DOWNLOAD), Histories.importMilestones(history));
        observed.add(Duration.between(seen.get(id), imported));
        assertThat(signalsNamed(history, "downloadFinished")).as("no webhook here").isZero();
      }
      Percentiles w = Percentiles.of(observed);
      Percentiles p = Percentiles.of(bounded);
      BenchReport.named("latency-polling", "download finished -> import started (polling path)")
          .put("requests", REQUESTS)
          .put("spacingMillis", SPACING.toMillis())
          .put("downloadMillis", DOWNLOAD.toMillis())
          .put("pollIntervalMillis", POLL.toMillis())
          .put("p50Millis", Percentiles.millis(p.percentile(50)))
          .put("p99Millis", Percentiles.millis(p.percentile(99)))
          .put("maxMillis", Percentiles.millis(p.max()))
          .put("watcherP50Millis", Percentiles.millis(w.percentile(50)))
          .put("watcherP99Millis", Percentiles.millis(w.percentile(99)))
          .put("watcherMaxMillis", Percentiles.millis(w.max()))
          .put("boundMillis", POLL.plus(SLACK).toMillis())
          .put("medianMilestones", milestones.medians())
          .write();
      assertThat(p.max())
          .as("polling path: import within one poll interval (+%s)", SLACK)
          .isLessThanOrEqualTo(POLL.plus(SLACK));
    }
  }

  /** Starts {@code count} requests {@link #SPACING} apart and waits until all completed. */
  private static List<String> runPaced(SandboxStack stack, String phase, int count)
      throws Exception {
    long seed = System.currentTimeMillis() % 100_000;
    ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
    try {
      List<ScheduledFuture<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        started.add(
            starter.schedule(
                () ->
                    stack.startMovie(
                        phase + "-" + seed + "-" + index,
                        "Latency Movie " + phase + " " + seed + " " + index),
                SPACING.toMillis() * i,
                TimeUnit.MILLISECONDS));
      }
      List<String> ids = new ArrayList<>();
      for (ScheduledFuture<String> f : started) {
        ids.add(f.get(5, TimeUnit.MINUTES));
      }
      List<MediaRequestResult> results = stack.results(ids, MediaRequestResult.class, RUN_TIMEOUT);
      assertThat(results)
          .as("every request completes (worker log: %s)", stack.worker().tail())
          .allSatisfy(r -> assertThat(r.state()).isEqualTo(RequestState.COMPLETED));
      return ids;
    } finally {
      starter.shutdownNow();
    }
  }

  private static Instant importStarted(List<HistoryEvent> history) {
    return Histories.firstStarted(history, ActivityTypes.IMPORT_MEDIA)
        .orElseThrow(() -> new AssertionError("no ImportMedia started"));
  }

  static long signalsNamed(List<HistoryEvent> history, String name) {
    return history.stream()
        .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
        .filter(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals(name))
        .count();
  }

  /** POSTs what qBittorrent's autorun command sends; returns the HTTP status. */
  private static int announce(String webhook, SandboxTorrents.Torrent torrent) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(webhook))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Temporarr-Token", QBITTORRENT_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .POST(
                    SandboxTorrents.form(
                        Map.of(
                            "hash", torrent.hash(),
                            "name", torrent.name(),
                            "category", torrent.category(),
                            "tags", torrent.tags(),
                            "content_path", torrent.contentPath())))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JarProcess startGateway(SandboxStack stack) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return JarProcess.start(
        SandboxStack.gatewayJar(),
        stack.directory().resolve("gateway.log"),
        TemporalDevServer.freePort(),
        Map.of(
            "TEMPORARR_GATEWAY_SEERR_AUTHORIZATION", "Bearer bench-seerr",
            "TEMPORARR_GATEWAY_QBITTORRENT_TOKEN", QBITTORRENT_TOKEN,
            "TEMPORARR_GATEWAY_OPERATOR_TOKEN", "bench-operator-token",
            "TEMPORARR_GATEWAY_EVENTS_SECRETS",
                "whsec_" + Base64.getEncoder().encodeToString(secret),
            // One webhook per completion, far below this budget; the default 50/s could bite a
            // larger bench.latency.requests with a short spacing.
            "TEMPORARR_GATEWAY_RATELIMITS_QBITTORRENT_LIMITFORPERIOD", "100000"),
        SandboxStack.PRODUCTION_JVM,
        List.of(
            "--spring.temporal.connection.target=" + stack.temporal().address(),
            "--temporarr.gateway.inbox.path=" + stack.directory().resolve("gateway/inbox.db")),
        Duration.ofMinutes(3));
  }
}
