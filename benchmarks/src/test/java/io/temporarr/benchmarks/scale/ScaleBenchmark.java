package io.temporarr.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporarr.activities.download.PollPages;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.PrometheusText;
import io.temporarr.benchmarks.polling.BenchStack;
import io.temporarr.benchmarks.polling.FakeQbittorrent;
import io.temporarr.benchmarks.polling.QuietLogs;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 5 (docs/benchmarks.md): 10,000 concurrently open requests waiting on downloads on one
 * worker with {@code -Xmx512m}. The packaged worker (external mode, real dev server, sandbox
 * indexer) adds each request's torrent to the counting {@link FakeQbittorrent}, whose downloads
 * never finish in the window. At 1,000 and at 10,000 waiting requests: heap used after a full GC,
 * RSS and worker CPU while idle; then a {@code downloadFinished} signal to every request, each of
 * which must make that request ask the client about its download (zero missed signals), and finally
 * the client completes every download and every request must leave the Download stage.
 */
@Tag("benchmark")
class ScaleBenchmark {

  static final long HEAP_LIMIT_BYTES = 512L * 1024 * 1024;

  /** The Temporal SDK's count of workflow tasks the worker has executed. */
  static final String WORKFLOW_TASKS = "temporal_workflow_task_execution_latency_seconds_count";

  /** Workflow tasks per poll interval at or below which the worker counts as idle. */
  static final int QUIET_WORKFLOW_TASKS = 20;

  /** How long to wait for the worker to go quiet before the idle window opens anyway. */
  static final Duration QUIET_DEADLINE = Duration.ofMinutes(5);

  private final int requests = Integer.getInteger("bench.scale.requests", 10_000);
  private final int firstStep = Integer.getInteger("bench.scale.first", 1_000);
  private final int starters = Integer.getInteger("bench.scale.starters", 16);
  private final int idleSeconds = Integer.getInteger("bench.scale.idleSeconds", 60);
  private final Duration pollInterval =
      Duration.parse("PT" + System.getProperty("bench.scale.pollInterval", "10s"));
  private final String cacheSize = System.getProperty("bench.scale.workflowCache", "");
  private final int completions = Integer.getInteger("bench.scale.completions", 1_000);
  private final boolean notifiers = Boolean.getBoolean("bench.scale.notifiers");
  private final boolean tmpfs =
      Boolean.parseBoolean(System.getProperty("bench.scale.tmpfs", "true"));

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void tenThousandWaitingRequestsFitTheHeapAndMissNoSignal() throws Exception {
    QuietLogs.atInfo();
    List<Integer> steps = firstStep < requests ? List.of(firstStep, requests) : List.of(requests);
    List<String> args = new ArrayList<>();
    if (!notifiers) {
      // Notifications are sent at start and at the end, never while a request waits: off, they
      // only took two activities per start from a run whose pace the dev server sets.
      args.add("--temporarr.requests.notifiers=");
    }
    if (!cacheSize.isBlank()) {
      args.add("--spring.temporal.workflow-cache.max-instances=" + cacheSize);
    }
    BenchReport report =
        BenchReport.named("scale", "open requests waiting on downloads on one worker, -Xmx512m")
            .put("requests", requests)
            .put("workflowCacheMaxInstances", cacheSize.isBlank() ? "600 (SDK default)" : cacheSize)
            .put("pollIntervalSeconds", pollInterval.toSeconds())
            .put("idleSeconds", idleSeconds)
            .put("notifiers", notifiers)
            .put("temporalDatabaseOnTmpfs", tmpfs);
    Map<Integer, Long> heap = new LinkedHashMap<>();
    long missed = -1;
    long stillDownloading = -1;
    long othersWaiting = -1;
    boolean alive = false;
    try (BenchStack stack =
        BenchStack.start("scale", pollInterval, List.of("-Xmx512m"), args, tmpfs)) {
      FakeQbittorrent fake = stack.qbittorrent();
      long pid = stack.worker().pid();
      int started = 0;
      for (int n : steps) {
        long began = System.nanoTime();
        Duration starting = stack.startRequests("scale", started, n, starters);
        int startedNow = n - started;
        started = n;
        await("all " + n + " downloads added")
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> fake.size() >= n || !stack.worker().isAlive());
        await("all " + n + " requests waiting on their download")
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> stack.count("RequestStage = 'Download'") >= n || !stack.worker().isAlive());
        stack.worker().get("/actuator/health"); // fails here if the worker died
        double ready = (System.nanoTime() - began) / 1e9;
        // Quiet: the monitor hands out at most a page of first snapshots per poll, each waking a
        // request (a replay when it was evicted from the sticky cache), so the first wave of n
        // new downloads takes ceil(n / page) polls; the idle window opens one poll after it.
        int wavePolls = firstWavePolls(n);
        long seen = fake.count("sync/maindata");
        long quieting = System.nanoTime();
        await(wavePolls + " polls after the last add")
            .atMost(pollInterval.multipliedBy(2L * wavePolls).plus(Duration.ofMinutes(5)))
            .until(() -> fake.count("sync/maindata") >= seen + wavePolls);
        double wave = (System.nanoTime() - quieting) / 1e9;
        // The polls say when the first snapshots were handed out, not when the worker has taken
        // them: the woken requests' workflow tasks (replays, for those evicted from the sticky
        // cache) can run for minutes after. The window opens once they stop.
        long settling = System.nanoTime();
        Quiet quiet = awaitQuietWorkflowTasks(stack);
        double settled = (System.nanoTime() - settling) / 1e9;
        long heapUsed = ProcessStats.heapUsedAfterFullGc(pid);
        long rss = ProcessStats.rssBytesOf(pid);
        long cpuBefore = ProcessStats.cpuTicksOf(pid);
        long idleBegan = System.nanoTime();
        TimeUnit.SECONDS.sleep(idleSeconds); // the idle window is real time by definition
        double idleElapsed = (System.nanoTime() - idleBegan) / 1e9;
        double cpuSeconds =
            (ProcessStats.cpuTicksOf(pid) - cpuBefore)
                / (double) ProcessStats.CLOCK_TICKS_PER_SECOND;
        heap.put(n, heapUsed);
        report
            .put("startSeconds_" + n, round(starting.toMillis() / 1000.0))
            .put("startsPerSecond_" + n, round(startedNow / (starting.toMillis() / 1000.0)))
            .put("allWaitingSeconds_" + n, round(ready))
            .put("pollsBeforeIdleWindow_" + n, wavePolls)
            .put("firstWaveSeconds_" + n, round(wave))
            .put("workflowTasksSettledSeconds_" + n, round(settled))
            .put("workflowTasksPerPollIntervalAtWindow_" + n, quiet.lastInterval())
            .put("workflowTasksQuietBeforeWindow_" + n, quiet.reached())
            .put("heapUsedAfterFullGcMiB_" + n, mib(heapUsed))
            .put("rssMiB_" + n, mib(rss))
            .put("idleCpuPercentOfOneCore_" + n, round(cpuSeconds / idleElapsed * 100))
            .put("stickyCacheSize_" + n, stickyCache(stack));
      }
      if (heap.size() == 2) {
        report.put(
            "heapGrowthMiBPer1000Requests",
            round(
                (heap.get(requests) - heap.get(firstStep))
                    / 1024.0
                    / 1024.0
                    / ((requests - firstStep) / 1000.0)));
      }

      // No missed signals: while the downloads still run, every request gets downloadFinished;
      // each one that handles it asks the client about its download (torrents/info?hashes=…),
      // which nothing else does in this window (no stall timeout, no monitor signal that wakes it).
      Map<String, String> hashes = fake.hashesByTag();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        ids.add(BenchStack.requestId("scale", i));
      }
      fake.resetCounts();
      long signalling = System.nanoTime();
      sendFinished(stack, ids, hashes, "first");
      double signalSeconds = (System.nanoTime() - signalling) / 1e9;
      await("every signalled request asked its download client")
          .atMost(Duration.ofMinutes(20))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> unconfirmed(fake, ids, hashes) == 0 || !stack.worker().isAlive());
      missed = unconfirmed(fake, ids, hashes);
      report
          .put("signalsSent", ids.size())
          .put("signalSendSeconds", round(signalSeconds))
          .put("signalsHandledSeconds", round((System.nanoTime() - signalling) / 1e9))
          .put("missedSignals", missed)
          .put("clientCallsForSignals", fake.counts());

      // The next step: the client finishes the downloads of the first `completions` requests;
      // each of those leaves Download (the monitor's progress signal, then its own status check),
      // and none of the others does.
      List<String> finishing = ids.subList(0, Math.min(completions, ids.size()));
      long completing = System.nanoTime();
      fake.complete(finishing.stream().map(hashes::get).toList());
      long waitingBefore = stack.count("RequestStage = 'Download'");
      await("every completed request past the Download stage")
          .atMost(Duration.ofMinutes(20))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  stack.count("RequestStage = 'Download'") <= waitingBefore - finishing.size()
                      || !stack.worker().isAlive());
      stillDownloading =
          finishing.size() - (waitingBefore - stack.count("RequestStage = 'Download'"));
      report
          .put("completedDownloads", finishing.size())
          .put("completionToAllPastDownloadSeconds", round((System.nanoTime() - completing) / 1e9))
          .put("completedButStillInDownloadStage", stillDownloading)
          .put("stillWaitingUncompleted", othersWaiting = stack.count("RequestStage = 'Download'"));
      alive = stack.worker().isAlive();
      report.put(
          "workerOutOfMemory",
          Files.readString(stack.directory().resolve("worker.log")).contains("OutOfMemoryError"));
    } finally {
      report.write();
    }
    assertThat(alive).as("worker alive at the end (-Xmx512m)").isTrue();
    heap.forEach(
        (n, used) ->
            assertThat(used)
                .as("heap used after a full GC with %d waiting requests", n)
                .isLessThanOrEqualTo(HEAP_LIMIT_BYTES));
    assertThat(missed).as("signalled requests that never asked their client").isZero();
    assertThat(stillDownloading).as("completed requests still in Download").isZero();
    assertThat(othersWaiting)
        .as("requests whose download did not complete still waiting")
        .isEqualTo(requests - Math.min(completions, requests));
  }

  /**
   * Polls after the last add before the worker is idle: one per page of first snapshots ({@link
   * PollPages#MAX_CHANGES_PER_POLL}) plus one whose answer finds nothing new.
   */
  static int firstWavePolls(int downloads) {
    int page = PollPages.MAX_CHANGES_PER_POLL;
    return Math.max(1, (downloads + page - 1) / page) + 1;
  }

  /**
   * Waits until the worker completes at most {@link #QUIET_WORKFLOW_TASKS} workflow tasks in one
   * poll interval (the monitor's own poll and timer and a few progress wake-ups), or {@link
   * #QUIET_DEADLINE} has passed; says which, and the last interval's count.
   */
  private Quiet awaitQuietWorkflowTasks(BenchStack stack) throws Exception {
    long deadline = System.nanoTime() + QUIET_DEADLINE.toNanos();
    double before = workflowTasks(stack);
    while (true) {
      TimeUnit.MILLISECONDS.sleep(pollInterval.toMillis());
      double now = workflowTasks(stack);
      long lastInterval = Math.round(now - before);
      if (lastInterval <= QUIET_WORKFLOW_TASKS) {
        return new Quiet(true, lastInterval);
      }
      if (System.nanoTime() > deadline) {
        return new Quiet(false, lastInterval);
      }
      before = now;
    }
  }

  /** The worker's completed workflow tasks so far (its SDK metrics on /actuator/prometheus). */
  private static double workflowTasks(BenchStack stack) throws Exception {
    double count =
        PrometheusText.sum(stack.worker().get("/actuator/prometheus").body(), WORKFLOW_TASKS);
    if (count == 0) {
      throw new IllegalStateException(
          "the worker reports no " + WORKFLOW_TASKS + " although requests have run");
    }
    return count;
  }

  /** Whether the workflow tasks went quiet before the deadline, and the last interval's count. */
  record Quiet(boolean reached, long lastInterval) {}

  private void sendFinished(
      BenchStack stack, List<String> ids, Map<String, String> hashes, String round)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(starters);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (String id : ids) {
        String hash = hashes.get(id);
        sent.add(
            senders.submit(
                () ->
                    stack
                        .client()
                        .newWorkflowStub(MediaRequestWorkflow.class, id)
                        .downloadFinished(
                            new DownloadFinished(
                                "bench-" + round + "-" + id, hash, "/downloads/" + hash))));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdownNow();
    }
  }

  /** Requests whose download the client was never asked about since the counts were reset. */
  static long unconfirmed(FakeQbittorrent fake, List<String> ids, Map<String, String> hashes) {
    return ids.stream().filter(id -> fake.lookups(hashes.get(id)) == 0).count();
  }

  private static Object stickyCache(BenchStack stack) {
    try {
      return PrometheusText.sum(
          stack.worker().get("/actuator/prometheus").body(), "temporal_sticky_cache_size");
    } catch (Exception e) {
      return "unavailable: " + e.getMessage();
    }
  }

  private static double mib(long bytes) {
    return round(bytes / 1024.0 / 1024.0);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
