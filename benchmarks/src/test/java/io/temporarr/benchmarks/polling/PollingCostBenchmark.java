package io.temporarr.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentDownloadActivities;
import io.temporarr.activities.qbittorrent.QbittorrentSettings;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.PrometheusText;
import io.temporarr.workflows.download.DownloadHandle;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 4 (docs/benchmarks.md): download-client API calls per poll interval with 10, 100 and
 * 1,000 active downloads. The packaged worker (external mode, real dev server) polls the counting
 * {@link FakeQbittorrent} through its one shared download monitor; the baseline, measured in the
 * same run on the same server, is {@link PerRequestPollingWorkflow}: every download polled by its
 * own workflow each interval. Target: ≤ 2 calls per client per interval at every size.
 */
@Tag("benchmark")
class PollingCostBenchmark {

  static final double TARGET_CALLS_PER_INTERVAL = 2.0;
  static final String MAINDATA = "sync/maindata";

  /** How long a baseline poller may run at most (it normally ends right after the window). */
  static final Duration BASELINE_DEADLINE = Duration.ofMinutes(20);

  private final List<Integer> sizes =
      Arrays.stream(System.getProperty("bench.polling.downloads", "10,100,1000").split(","))
          .map(String::strip)
          .map(Integer::parseInt)
          .toList();
  private final Duration interval =
      Duration.parse("PT" + System.getProperty("bench.polling.interval", "5s"));
  private final int intervals = Integer.getInteger("bench.polling.intervals", 6);
  private final int starters = Integer.getInteger("bench.polling.starters", 8);
  private final boolean tmpfs =
      Boolean.parseBoolean(System.getProperty("bench.polling.tmpfs", "true"));

  @Test
  @Timeout(value = 40, unit = TimeUnit.MINUTES)
  void sharedMonitorCallsStayConstantWhilePerRequestPollingGrowsWithTheDownloads()
      throws Exception {
    QuietLogs.atInfo();
    BenchReport report =
        BenchReport.named("polling", "download-client API calls per poll interval")
            .put("pollIntervalSeconds", interval.toMillis() / 1000.0)
            .put("intervalsMeasured", intervals)
            .put("temporalDatabaseOnTmpfs", tmpfs);
    Map<Integer, Double> monitor = new LinkedHashMap<>();
    Map<Integer, Double> baseline = new LinkedHashMap<>();
    try (BenchStack stack =
        BenchStack.start(
            "polling", interval, List.of("-XX:MaxRAMPercentage=75"), List.of(), tmpfs)) {
      int started = 0;
      for (int n : sizes) {
        long startedAt = System.nanoTime();
        stack.startRequests("poll", started, n, starters);
        started = n;
        FakeQbittorrent fake = stack.qbittorrent();
        await("all " + n + " downloads added")
            .atMost(Duration.ofMinutes(15))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> fake.size() >= n);
        await("all " + n + " requests waiting on their download")
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> stack.count("RequestStage = 'Download'") >= n);
        report.put("requestsReadySeconds_" + n, seconds(System.nanoTime() - startedAt));
        // Steady state: the monitor has polled twice since, so the first sight of the new
        // downloads (and its progress signals) is behind us.
        long seen = fake.count(MAINDATA);
        await("two polls after the last add")
            .atMost(interval.multipliedBy(4).plus(Duration.ofMinutes(2)))
            .until(() -> fake.count(MAINDATA) >= seen + 2);

        Map<String, Double> activitiesBefore = activities(stack);
        fake.resetCounts();
        double measured = window();
        Map<String, Long> calls = fake.counts();
        Map<String, Long> activities =
            PrometheusText.difference(activitiesBefore, activities(stack));
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        double perInterval = total / measured;
        monitor.put(n, perInterval);
        report
            .put("monitorCallsPerInterval_" + n, round(perInterval))
            .put("monitorCallsByEndpoint_" + n, calls)
            .put("workerActivitiesInWindow_" + n, activities);
        assertThat(activities.keySet())
            .as("activities the worker ran in the window with %d waiting requests", n)
            .allMatch(type -> type.equals("PollDownloads") || type.equals("RemoveSeeded"));
      }
      runBaseline(stack, report, baseline);
    } finally {
      report
          .put("monitorCallsPerInterval", round(monitor))
          .put("baselineCallsPerInterval", round(baseline));
      report.write();
    }
    monitor.forEach(
        (n, perInterval) ->
            assertThat(perInterval)
                .as("shared monitor: calls per interval with %d downloads", n)
                .isLessThanOrEqualTo(TARGET_CALLS_PER_INTERVAL));
    int largest = sizes.get(sizes.size() - 1);
    int smallest = sizes.get(0);
    assertThat(baseline.get(largest))
        .as("per-request polling grows with the downloads (%s)", baseline)
        .isGreaterThan(baseline.get(smallest) * Math.min(4.0, largest / (double) smallest / 2));
  }

  /**
   * The baseline on the same dev server: a worker in this JVM whose workflows each poll their own
   * download of a second fake with the product's qBittorrent activities, every interval.
   */
  private void runBaseline(BenchStack stack, BenchReport report, Map<Integer, Double> baseline)
      throws Exception {
    FakeQbittorrent fake = new FakeQbittorrent();
    OkHttpClient http = HttpClients.create();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(fake);
      server.start(InetAddress.getLoopbackAddress(), 0);
      QbittorrentSettings settings =
          new QbittorrentSettings("baseline", server.url("/"), "admin", "bench", null, null, null);
      WorkerFactory factory = WorkerFactory.newInstance(stack.client());
      Worker worker = factory.newWorker(PerRequestPollingWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(PerRequestPollingWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new QbittorrentDownloadActivities(
              Map.of("baseline", new QbittorrentClient(http, settings)), http));
      factory.start();
      try {
        int torrents = 0;
        for (int n : sizes) {
          // Fresh downloads for each size: the previous size's are complete by now.
          int first = torrents;
          for (; torrents < first + n; torrents++) {
            fake.put(
                hash(torrents), "baseline-" + torrents, "media-request:bench:base-" + torrents);
          }
          // The pollers stop when their download completes (below, after the window). The deadline
          // only bounds a run that dies half-way: starting 1,000 pollers on a server that is busy
          // with the first ones takes longer than the window, and a deadline counted from the
          // first start let the last pollers end before they had polled once.
          Duration warmUp = interval.multipliedBy(3).plusSeconds(n / 50);
          long until = System.currentTimeMillis() + BASELINE_DEADLINE.toMillis();
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            String id = "bench-baseline-" + n + "-" + i;
            ids.add(id);
            PerRequestPollingWorkflow poller =
                stack
                    .client()
                    .newWorkflowStub(
                        PerRequestPollingWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(id)
                            .setTaskQueue(PerRequestPollingWorkflow.TASK_QUEUE)
                            .build());
            WorkflowClient.start(
                poller::run,
                new DownloadHandle("baseline", hash(first + i), "baseline-" + (first + i)),
                interval,
                until);
          }
          // At 1,000 pollers the machine may saturate before every one of them has polled: then
          // the window is measured anyway, and the report says how many had polled, because what
          // the baseline costs at that size is the finding, not a reason to stop the benchmark.
          List<String> hashes = fake.hashes().subList(first, first + n);
          boolean allPolled = true;
          try {
            await("every baseline workflow polled once")
                .atMost(warmUp.plusMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> hashes.stream().allMatch(h -> fake.lookups(h) > 0));
          } catch (ConditionTimeoutException saturated) {
            allPolled = false;
          }
          report
              .put("baselinePollersPolledBeforeWindow_" + n, polled(fake, hashes))
              .put("baselineEveryPollerPolledBeforeWindow_" + n, allPolled);
          fake.resetCounts();
          double measured = window();
          Map<String, Long> calls = fake.counts();
          long total = calls.values().stream().mapToLong(Long::longValue).sum();
          baseline.put(n, total / measured);
          report
              .put("baselineCallsPerInterval_" + n, round(total / measured))
              .put("baselineCallsByEndpoint_" + n, calls);
          // Every poller returns at its next poll once its download is complete.
          fake.completeAll();
          for (String id : ids) {
            stack.client().newUntypedWorkflowStub(id).getResult(10, TimeUnit.MINUTES, Void.class);
          }
        }
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private static long polled(FakeQbittorrent fake, List<String> hashes) {
    return hashes.stream().filter(h -> fake.lookups(h) > 0).count();
  }

  /** Waits the measurement window (real time by definition); returns its length in intervals. */
  private double window() throws InterruptedException {
    long began = System.nanoTime();
    TimeUnit.MILLISECONDS.sleep(interval.multipliedBy(intervals).toMillis());
    return (System.nanoTime() - began) / (double) interval.toNanos();
  }

  /**
   * Activities the worker has executed so far, by type (its SDK metrics on /actuator/prometheus).
   */
  static Map<String, Double> activities(BenchStack stack) throws Exception {
    return PrometheusText.sumBy(
        stack.worker().get("/actuator/prometheus").body(),
        "temporal_activity_execution_latency_seconds_count",
        "activity_type");
  }

  static String hash(int i) {
    return String.format("%040x", i + 1);
  }

  private static double seconds(long nanos) {
    return round(nanos / 1e9);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static Map<Integer, Double> round(Map<Integer, Double> values) {
    Map<Integer, Double> rounded = new LinkedHashMap<>();
    values.forEach((k, v) -> rounded.put(k, round(v)));
    return rounded;
  }
}
