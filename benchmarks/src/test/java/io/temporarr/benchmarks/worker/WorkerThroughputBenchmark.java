package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.CpuTime;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.RequestState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 2 (docs/benchmarks.md): completed requests per second of the packaged worker, sandbox
 * services answering at once, against a bare workflow with the same activity pattern (no-op
 * activities, the same wait for a monitor's signal) hosted by a default SDK worker in its own JVM,
 * on the same dev server in the same run. Target: at least 0.7 of the baseline's rate.
 */
@Tag("benchmark")
class WorkerThroughputBenchmark {

  static final double TARGET_RATIO = 0.7;

  private static final int REQUESTS = Integer.getInteger("bench.worker.requests", 200);
  private static final int WARMUP = Integer.getInteger("bench.worker.warmup", 10);

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

  @Test
  @Timeout(value = 45, unit = TimeUnit.MINUTES)
  void workerCompletesRequestsAtLeastSevenTenthsAsFastAsBareWorkflowsWithTheSameActivities()
      throws Exception {
    try (SandboxStack stack =
        SandboxStack.start("worker-throughput", DOWNLOAD, POLL, WORKER_ARGS)) {
      // Warm-up (JIT, connections, caches) on both sides; the first request gives the shape.
      List<String> warm = startRequests(stack, "warm", WARMUP);
      assertCompleted(stack, warm);
      List<HistoryEvent> sample = stack.history(warm.get(0));
      WorkflowShape shape = WorkflowShape.of(sample);

      int serverPort = stack.temporal().port();
      long workerPid = stack.worker().pid();
      Duration serverBefore = CpuTime.ofDevServer(serverPort);
      Duration workerBefore = CpuTime.of(workerPid);
      List<String> measured = startRequests(stack, "run", REQUESTS);
      assertCompleted(stack, measured);
      Duration workerCpu = CpuTime.of(workerPid).minus(workerBefore);
      Duration serverCpuForWorker = CpuTime.ofDevServer(serverPort).minus(serverBefore);
      RunWindow worker = stack.window(measured);
      // On the happy path no timer fires; a fired stall timer means the monitor's signal was
      // missed and the request waited out its stall timeout (see docs/benchmarks.md).
      long stalled =
          measured.stream()
              .filter(
                  id ->
                      stack.history(id).stream()
                          .anyMatch(HistoryEvent::hasTimerFiredEventAttributes))
              .count();
      stack.stopWorker(); // its monitor would keep polling beside the baseline
      RunWindow bare;
      Duration bareCpu;
      Duration serverCpuForBare;
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
        stack.results(startBare(client, "warm", WARMUP, input), Void.class, RUN_TIMEOUT);
        Duration bareServerBefore = CpuTime.ofDevServer(serverPort);
        Duration bareBefore = CpuTime.of(process.pid());
        List<String> bareIds = startBare(client, "run", REQUESTS, input);
        stack.results(bareIds, Void.class, RUN_TIMEOUT);
        bareCpu = CpuTime.of(process.pid()).minus(bareBefore);
        serverCpuForBare = CpuTime.ofDevServer(serverPort).minus(bareServerBefore);
        bare = stack.window(bareIds);
        client.newUntypedWorkflowStub(BARE_MONITOR_ID).terminate("benchmark done");
      }

      double ratio = worker.perSecond() / bare.perSecond();
      BenchReport.named("worker", "completed requests/s, sandbox worker vs bare workflows")
          .put("requests", REQUESTS)
          .put("warmup", WARMUP)
          .put("downloadMillis", DOWNLOAD.toMillis())
          .put("pollIntervalMillis", POLL.toMillis())
          .put("workerArgs", String.join(" ", WORKER_ARGS))
          .put("activitiesPerRequest", shape.activities())
          .put("activitySequence", Histories.activitySequence(sample))
          .put("activityGroupsBeforeSignal", shape.beforeSignal().toString())
          .put("activityGroupsAfterSignal", shape.afterSignal().toString())
          .put("signalsPerRequest", shape.signals())
          .put("markersPerRequest", markers(sample))
          .put("requestsThatWaitedForTheStallTimer", stalled)
          .put("workerSeconds", round(worker.span().toMillis() / 1000.0))
          .put("workerPerSecond", round(worker.perSecond()))
          .put("bareSeconds", round(bare.span().toMillis() / 1000.0))
          .put("barePerSecond", round(bare.perSecond()))
          .put("workerCpuMillisPerRequest", CpuTime.millisPer(workerCpu, REQUESTS))
          .put("bareWorkerCpuMillisPerWorkflow", CpuTime.millisPer(bareCpu, REQUESTS))
          .put("serverCpuMillisPerRequest", CpuTime.millisPer(serverCpuForWorker, REQUESTS))
          .put("serverCpuMillisPerBareWorkflow", CpuTime.millisPer(serverCpuForBare, REQUESTS))
          .put("ratio", round(ratio))
          .put("target", TARGET_RATIO)
          .write();
      assertThat(ratio)
          .as(
              "worker %.2f requests/s vs bare %.2f workflows/s (%d activities each; %d stalled)",
              worker.perSecond(), bare.perSecond(), shape.activities(), stalled)
          .isGreaterThanOrEqualTo(TARGET_RATIO);
    }
  }

  private static List<String> startRequests(SandboxStack stack, String phase, int count)
      throws Exception {
    long seed = System.currentTimeMillis() % 100_000;
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

  /**
   * Local activities (the request policy) and version markers: recorded, not scheduled, so not in
   * the activity count.
   */
  private static long markers(List<HistoryEvent> events) {
    return events.stream().filter(HistoryEvent::hasMarkerRecordedEventAttributes).count();
  }

  static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
  }
}
