package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.CpuTime;
import io.temporarr.benchmarks.Median;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.RequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 2 (docs/benchmarks.md): completed requests per second of the packaged worker, sandbox
 * services answering at once, against a bare workflow with the same activity pattern (no-op
 * activities, the same wait for a monitor's signal) hosted by a default SDK worker in its own JVM,
 * on the same dev server in the same run. Measured in {@code bench.worker.rounds} rounds (default
 * 5), the order alternating, each side a fresh JVM warmed up before it is measured. Target: the
 * median of the rounds' ratios at least 0.7.
 */
@Tag("benchmark")
class WorkerThroughputBenchmark {

  static final double TARGET_RATIO = 0.7;

  private static final int REQUESTS = Integer.getInteger("bench.worker.requests", 200);
  private static final int WARMUP = Integer.getInteger("bench.worker.warmup", 100);
  private static final int ROUNDS = Integer.getInteger("bench.worker.rounds", 5);

  /** ~0 would race the monitor's first poll against AddDownload's result (see the docs). */
  private static final Duration DOWNLOAD =
      Duration.ofMillis(Long.getLong("bench.worker.download-millis", 1000));

  private static final Duration POLL =
      Duration.ofMillis(Long.getLong("bench.worker.poll-millis", 1000));

  /**
   * Extra worker settings for tuning experiments, whitespace-separated, e.g. {@code
   * -Dbench.worker.args="--spring.temporal.workflow-cache.max-instances=1000"}.
   */
  private static final List<String> WORKER_ARGS =
      Arrays.stream(System.getProperty("bench.worker.args", "").split("\\s+"))
          .filter(a -> !a.isBlank())
          .toList();

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  private static final String BARE_MONITOR_ID = "bench-bare-monitor";

  /**
   * One side's measured run: its window, its own process's CPU (of it, its JIT compiler threads'),
   * the server's CPU meanwhile.
   */
  record Side(
      RunWindow window, Duration processCpu, Duration jitCpu, Duration serverCpu, long stalled) {
    double perSecond() {
      return window.perSecond();
    }
  }

  private final long seed = System.currentTimeMillis() % 100_000;
  private List<HistoryEvent> sample;

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void workerCompletesRequestsAtLeastSevenTenthsAsFastAsBareWorkflowsWithTheSameActivities()
      throws Exception {
    try (SandboxStack stack =
        SandboxStack.start("worker-throughput", DOWNLOAD, POLL, WORKER_ARGS)) {
      List<Side> workers = new ArrayList<>();
      List<Side> bares = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        // The first round starts with the worker: its first request gives the bare side's shape.
        if (round % 2 == 1) {
          workers.add(measureWorker(stack, round));
          bares.add(measureBare(stack, round));
        } else {
          bares.add(measureBare(stack, round));
          workers.add(measureWorker(stack, round));
        }
      }
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        ratios.add(workers.get(i).perSecond() / bares.get(i).perSecond());
      }
      double ratio = Median.exact(ratios.stream().mapToDouble(Double::doubleValue));
      WorkflowShape shape = WorkflowShape.of(sample);
      BenchReport.named("worker", "completed requests/s, sandbox worker vs bare workflows")
          .put("requests", REQUESTS)
          .put("warmup", WARMUP)
          .put("rounds", ROUNDS)
          .put("downloadMillis", DOWNLOAD.toMillis())
          .put("pollIntervalMillis", POLL.toMillis())
          .put("workerArgs", String.join(" ", WORKER_ARGS))
          .put("activitiesPerRequest", shape.activities())
          .put("activitySequence", Histories.activitySequence(sample))
          .put("activityGroupsBeforeSignal", shape.beforeSignal().toString())
          .put("activityGroupsAfterSignal", shape.afterSignal().toString())
          .put("signalsPerRequest", shape.signals())
          .put("markersPerRequest", count(sample, HistoryEvent::hasMarkerRecordedEventAttributes))
          .put(
              "upsertsPerRequest",
              count(sample, HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes))
          .put("eventsPerRequest", sample.size())
          .put("requestsThatWaitedForTheStallTimer", each(workers, w -> (double) w.stalled()))
          .put("workerSeconds", each(workers, w -> w.window().span().toMillis() / 1000.0))
          .put("workerPerSecond", each(workers, Side::perSecond))
          .put("bareSeconds", each(bares, b -> b.window().span().toMillis() / 1000.0))
          .put("barePerSecond", each(bares, Side::perSecond))
          .put("workerCpuMillisPerRequest", each(workers, w -> cpuPer(w.processCpu())))
          .put("bareWorkerCpuMillisPerWorkflow", each(bares, b -> cpuPer(b.processCpu())))
          .put("workerJitCpuMillisPerRequest", each(workers, w -> cpuPer(w.jitCpu())))
          .put("bareWorkerJitCpuMillisPerWorkflow", each(bares, b -> cpuPer(b.jitCpu())))
          .put("serverCpuMillisPerRequest", each(workers, w -> cpuPer(w.serverCpu())))
          .put("serverCpuMillisPerBareWorkflow", each(bares, b -> cpuPer(b.serverCpu())))
          .put("ratios", ratios.stream().map(WorkerThroughputBenchmark::round).toList())
          .put("ratio", round(ratio))
          .put("target", TARGET_RATIO)
          .write();
      for (int i = 0; i < ROUNDS; i++) {
        System.out.printf(
            Locale.ROOT,
            "worker benchmark round %d: worker %.3f/s, bare %.3f/s, ratio %.3f%n",
            i + 1,
            workers.get(i).perSecond(),
            bares.get(i).perSecond(),
            ratios.get(i));
      }
      assertThat(ratio)
          .as(
              "median of the rounds' ratios %s (%d activities each; stalled per round %s)",
              ratios, shape.activities(), workers.stream().map(Side::stalled).toList())
          .isGreaterThanOrEqualTo(TARGET_RATIO);
    }
  }

  /**
   * Starts the worker unless it runs, warms it up, measures the requests (every one must complete),
   * then stops it: its monitor would keep polling beside the baseline.
   */
  private Side measureWorker(SandboxStack stack, int round) throws Exception {
    if (!stack.worker().isAlive()) {
      stack.startWorker();
    }
    // Warm-up (JIT, connections, caches).
    List<String> warm = startRequests(stack, "warm" + round, WARMUP);
    assertCompleted(stack, warm);
    if (sample == null) {
      sample = stack.history(warm.get(0));
    }
    int serverPort = stack.temporal().port();
    long workerPid = stack.worker().pid();
    Duration serverBefore = CpuTime.ofDevServer(serverPort);
    Duration workerBefore = CpuTime.of(workerPid);
    Duration jitBefore = CpuTime.ofJitCompilers(workerPid);
    List<String> measured = startRequests(stack, "run" + round, REQUESTS);
    assertCompleted(stack, measured);
    Duration workerCpu = CpuTime.of(workerPid).minus(workerBefore);
    Duration jitCpu = CpuTime.ofJitCompilers(workerPid).minus(jitBefore);
    Duration serverCpu = CpuTime.ofDevServer(serverPort).minus(serverBefore);
    RunWindow window = stack.window(measured);
    // On the happy path no timer fires; a fired stall timer means the monitor's signal was
    // missed and the request waited out its stall timeout (see docs/benchmarks.md).
    long stalled =
        measured.stream()
            .filter(
                id ->
                    stack.history(id).stream().anyMatch(HistoryEvent::hasTimerFiredEventAttributes))
            .count();
    stack.stopWorker();
    return new Side(window, workerCpu, jitCpu, serverCpu, stalled);
  }

  /** A fresh bare worker and bare monitor, warmed up, then the measured bare workflows. */
  private Side measureBare(SandboxStack stack, int round) throws Exception {
    WorkflowShape shape = WorkflowShape.of(sample);
    try (BareWorkerProcess process =
        BareWorkerProcess.start(
            stack.temporal().address(),
            DOWNLOAD,
            SandboxStack.PRODUCTION_JVM,
            stack.directory().resolve("bare-worker.log"),
            Duration.ofMinutes(2))) {
      WorkflowClient client = stack.client();
      BareMonitorWorkflow monitor =
          client.newWorkflowStub(
              BareMonitorWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(BARE_MONITOR_ID)
                  .setTaskQueue(BareWorker.TASK_QUEUE)
                  .build());
      WorkflowClient.start(monitor::run, POLL);
      BareRequestInput input = BareRequestInput.of(shape, SandboxStack.STALL_TIMEOUT);
      stack.results(startBare(client, "warm" + round, WARMUP, input), Void.class, RUN_TIMEOUT);
      int serverPort = stack.temporal().port();
      Duration serverBefore = CpuTime.ofDevServer(serverPort);
      Duration bareBefore = CpuTime.of(process.pid());
      Duration jitBefore = CpuTime.ofJitCompilers(process.pid());
      List<String> ids = startBare(client, "run" + round, REQUESTS, input);
      stack.results(ids, Void.class, RUN_TIMEOUT);
      Duration bareCpu = CpuTime.of(process.pid()).minus(bareBefore);
      Duration jitCpu = CpuTime.ofJitCompilers(process.pid()).minus(jitBefore);
      Duration serverCpu = CpuTime.ofDevServer(serverPort).minus(serverBefore);
      RunWindow window = stack.window(ids);
      client.newUntypedWorkflowStub(BARE_MONITOR_ID).terminate("round done");
      return new Side(window, bareCpu, jitCpu, serverCpu, 0);
    }
  }

  private static List<Double> each(List<Side> sides, ToDoubleFunction<Side> figure) {
    return sides.stream().map(s -> round(figure.applyAsDouble(s))).toList();
  }

  private static double cpuPer(Duration cpu) {
    return CpuTime.millisPer(cpu, REQUESTS);
  }

  private static long count(List<HistoryEvent> events, Predicate<HistoryEvent> kind) {
    return events.stream().filter(kind).count();
  }

  private List<String> startRequests(SandboxStack stack, String phase, int count) throws Exception {
    return SandboxStack.startAll(
        count,
        i ->
            stack.startMovie(
                phase + "-" + seed + "-" + i, "Bench Movie " + phase + " " + seed + " " + i));
  }

  private static List<String> startBare(
      WorkflowClient client, String phase, int count, BareRequestInput input) throws Exception {
    return SandboxStack.startAll(
        count,
        i -> {
          String id = "bench-bare-" + phase + "-" + i;
          BareRequestWorkflow request =
              client.newWorkflowStub(
                  BareRequestWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(BareWorker.TASK_QUEUE)
                      .build());
          WorkflowClient.start(request::run, input);
          return id;
        });
  }

  private static void assertCompleted(SandboxStack stack, List<String> ids) throws Exception {
    List<MediaRequestResult> results = stack.results(ids, MediaRequestResult.class, RUN_TIMEOUT);
    assertThat(results)
        .as("every request completes (worker log: %s)", stack.worker().tail())
        .allSatisfy(r -> assertThat(r.state()).isEqualTo(RequestState.COMPLETED));
  }

  static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
  }
}
