package io.temporarr.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.CpuTime;
import io.temporarr.benchmarks.DevServerDatabase;
import io.temporarr.benchmarks.Median;
import io.temporarr.benchmarks.PrometheusText;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.RequestSearchAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 1 (docs/benchmarks.md): Seerr approvals through the packaged gateway against raw {@code
 * StartWorkflowExecution} calls from one JVM, both at the same fixed arrival rate against a real
 * {@code temporal} dev server. No worker runs: the workflows only have to be started.
 *
 * <p>Each side gets a fresh dev server (empty database, empty task queue), so neither pays for the
 * thousands of open workflows and pending workflow tasks the other left behind, and their order
 * does not matter. Each side is warmed up first with the same number of starts (JIT, connection
 * pools, server caches), then measured; the warm-up's workflows are counted too. The warm-up is
 * long because the JIT is slow to settle at these rates: a method runs in profiled C1 code until
 * some ten thousand calls, and the gateway's JIT compilers kept working through a 15 s warm-up and
 * the whole measured minute after it (3.5 ms of compiler CPU per webhook). The compiler threads'
 * CPU in the measured window is recorded on both sides, so a report shows whether the warm-up
 * reached the steady state.
 *
 * <p>Parameters: {@code bench.gateway.rate} (arrivals per second, default 25), {@code
 * bench.gateway.seconds} (measured seconds per side, default 60), {@code bench.gateway.warmup-rate}
 * (default 50) and {@code bench.gateway.warmup-seconds} (default 160: 8,000 starts), {@code
 * bench.gateway.rounds} (default 5: both sides measured in each round, the order alternating),
 * {@code bench.gateway.tmpfs} (default true: each side's dev server database on tmpfs, away from
 * the disk's stalls). Targets, on the median of the rounds' ratios: gateway throughput ≥ 0.8 × raw,
 * gateway p99 ≤ 1.5 × raw p99; and in every round every accepted webhook is exactly one workflow.
 */
@Tag("benchmark")
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class GatewayBenchmark {
  private static final int RATE = Integer.getInteger("bench.gateway.rate", 25);
  private static final Duration MEASURED =
      Duration.ofSeconds(Integer.getInteger("bench.gateway.seconds", 60));
  private static final Duration WARM_UP =
      Duration.ofSeconds(Integer.getInteger("bench.gateway.warmup-seconds", 160));
  private static final int WARM_UP_RATE = Integer.getInteger("bench.gateway.warmup-rate", 50);
  private static final Duration DRAIN = Duration.ofSeconds(90);
  private static final int ROUNDS = Integer.getInteger("bench.gateway.rounds", 5);

  /** Each side's dev server database on tmpfs (see {@link DevServerDatabase}). */
  private static final boolean TMPFS =
      Boolean.parseBoolean(System.getProperty("bench.gateway.tmpfs", "true"));

  private static final double THROUGHPUT_TARGET = 0.8;
  private static final double P99_TARGET = 1.5;

  private static final String SEERR_AUTHORIZATION = GatewayProcess.SEERR_AUTHORIZATION;

  private static final String WORKFLOW_TYPE = "MediaRequestWorkflow";

  /** The Temporal SDK's per-call counter, by gRPC operation, on the gateway's metrics endpoint. */
  private static final String REQUEST_COUNT = "temporal_request_latency_seconds_count";

  private static final String RAW_SOURCE = "bench-raw";
  private static final String SEERR_SOURCE = "seerr";

  @Test
  void gatewayAcceptsWebhooksNearlyAsFastAsRawStartsAndLosesNone() throws Exception {
    Path dir =
        Files.createDirectories(
            BenchReport.resultsDirectory().resolve("gateway-run-" + System.currentTimeMillis()));

    // Rounds, each measuring both sides one after the other (the order alternating), and the
    // median of the rounds' ratios: one pair of minutes on a shared 2-core machine gave p99
    // ratios from 2 to 11 with the same jars.
    List<RawSide> raws = new ArrayList<>();
    List<GatewaySide> gateways = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      if (round % 2 == 1) {
        raws.add(measureRawStarts(dir.resolve("raw-" + round)));
        gateways.add(measureGateway(dir.resolve("gateway-" + round)));
      } else {
        gateways.add(measureGateway(dir.resolve("gateway-" + round)));
        raws.add(measureRawStarts(dir.resolve("raw-" + round)));
      }
    }
    List<Double> throughputRatios = new ArrayList<>();
    List<Double> p99Ratios = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      throughputRatios.add(
          gateways.get(i).stats().perSecond() / raws.get(i).measured().perSecond());
      p99Ratios.add(
          gateways.get(i).stats().p99Millis() / raws.get(i).measured().latencies().p99Millis());
    }
    double throughputRatio = Median.of(throughputRatios.stream().mapToDouble(Double::doubleValue));
    double p99Ratio = Median.of(p99Ratios.stream().mapToDouble(Double::doubleValue));
    BenchReport.named("gateway", "Seerr webhooks through the gateway vs raw StartWorkflowExecution")
        .put("rate_per_s", RATE)
        .put("warmup_starts_per_side", WARM_UP_RATE * WARM_UP.toSeconds())
        .put("seconds", MEASURED.toSeconds())
        .put("rounds", ROUNDS)
        .put("temporalDatabaseOnTmpfs", TMPFS)
        .put("raw_sent", each(raws, r -> r.measured().sent()))
        .put("raw_started", each(raws, r -> r.measured().succeeded()))
        .put("raw_per_s", each(raws, r -> round(r.measured().perSecond())))
        .put("raw_p50_ms", each(raws, r -> round(r.measured().latencies().p50Millis())))
        .put("raw_p99_ms", each(raws, r -> round(r.measured().latencies().p99Millis())))
        .put("raw_workflows", each(raws, RawSide::workflows))
        .put("gateway_sent", RATE * MEASURED.toSeconds())
        .put("gateway_accepted", each(gateways, g -> g.stats().ok()))
        .put("gateway_failed", each(gateways, g -> g.stats().ko()))
        .put("gateway_queued_in_inbox", each(gateways, GatewaySide::queued))
        .put("gateway_per_s", each(gateways, g -> round(g.stats().perSecond())))
        .put("gateway_p50_ms", each(gateways, g -> g.stats().p50Millis()))
        .put("gateway_p99_ms", each(gateways, g -> g.stats().p99Millis()))
        .put("gateway_workflows", each(gateways, GatewaySide::workflows))
        .put(
            "gateway_temporal_calls_per_webhook",
            each(gateways, g -> round(g.temporalCallsPerWebhook())))
        .put("raw_server_cpu_ms_per_start", each(raws, RawSide::serverCpuMillis))
        .put("gateway_server_cpu_ms_per_webhook", each(gateways, GatewaySide::serverCpuMillis))
        .put("gateway_cpu_ms_per_webhook", each(gateways, GatewaySide::gatewayCpuMillis))
        .put("gateway_jit_cpu_ms_per_webhook", each(gateways, GatewaySide::gatewayJitCpuMillis))
        .put("gatling_jit_cpu_ms_per_webhook", each(gateways, GatewaySide::gatlingJitCpuMillis))
        .put("raw_client_jit_cpu_ms_per_start", each(raws, RawSide::clientJitCpuMillis))
        .put("gateway_lost", each(gateways, GatewaySide::lost))
        .put("gateway_unexpected", each(gateways, GatewaySide::unexpected))
        .put("ratios_throughput", each(throughputRatios, GatewayBenchmark::round))
        .put("ratios_p99", each(p99Ratios, GatewayBenchmark::round))
        .put("ratio_throughput", round(throughputRatio))
        .put("ratio_p99", round(p99Ratio))
        .put("target_throughput", "median ≥ " + THROUGHPUT_TARGET)
        .put("target_p99", "median ≤ " + P99_TARGET)
        .put("gatling_reports", each(gateways, g -> g.report().toString()))
        .write();

    for (int i = 0; i < ROUNDS; i++) {
      RawSide raw = raws.get(i);
      GatewaySide gateway = gateways.get(i);
      int round = i + 1;
      assertThat(raw.workflows())
          .as("raw side, round %d: one workflow per successful start (warm-up included)", round)
          .isEqualTo(raw.expectedWorkflows());
      assertThat(gateway.lost())
          .as("round %d: webhooks answered 202 without a workflow", round)
          .isZero();
      assertThat(gateway.unexpected())
          .as("round %d: workflows nobody was answered 202 for", round)
          .isZero();
      assertThat(gateway.stats().ko()).as("round %d: webhooks not answered 202", round).isZero();
      assertThat(gateway.queued())
          .as(
              "round %d: measured webhooks the gateway only queued in its inbox (Temporal did not"
                  + " answer within call-timeout): their acknowledgement did not include a start",
              round)
          .isZero();
    }
    assertThat(throughputRatio)
        .as("median of gateway throughput / raw throughput at %d/s: %s", RATE, throughputRatios)
        .isGreaterThanOrEqualTo(THROUGHPUT_TARGET);
    assertThat(p99Ratio)
        .as("median of gateway p99 / raw p99 at %d/s: %s", RATE, p99Ratios)
        .isLessThanOrEqualTo(P99_TARGET);
  }

  private static <T, R> List<R> each(List<T> items, java.util.function.Function<T, R> figure) {
    return items.stream().map(figure).toList();
  }

  /** The baseline: the gateway's start, made directly with the SDK from this JVM. */
  private RawSide measureRawStarts(Path dir) throws Exception {
    try (DevServerDatabase database = DevServerDatabase.in(dir, TMPFS);
        TemporalDevServer temporal = TemporalDevServer.start(database.directory())) {
      WorkflowServiceStubs stubs = stubs(temporal);
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        OpenLoop.Result warmUp =
            OpenLoop.run(WARM_UP_RATE, WARM_UP, DRAIN, n -> startRaw(client, "w-" + n));
        quietLoadGenerator();
        Duration serverBefore = CpuTime.ofDevServer(temporal.port());
        Duration jitBefore = CpuTime.ofJitCompilers(ProcessHandle.current().pid());
        OpenLoop.Result measured =
            OpenLoop.run(RATE, MEASURED, DRAIN, n -> startRaw(client, "m-" + n));
        int started = Math.max(1, measured.succeeded());
        double serverCpu =
            CpuTime.millisPer(CpuTime.ofDevServer(temporal.port()).minus(serverBefore), started);
        double jitCpu =
            CpuTime.millisPer(
                CpuTime.ofJitCompilers(ProcessHandle.current().pid()).minus(jitBefore), started);
        System.out.printf(
            "gateway benchmark, raw side: warm-up %s, measured %s%n", warmUp, measured);
        int expected = warmUp.succeeded() + measured.succeeded();
        Set<String> workflows = awaitWorkflows(client, RAW_SOURCE, expected);
        return new RawSide(measured, expected, workflows.size(), serverCpu, jitCpu);
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /**
   * The same start the gateway makes for a Seerr approval (RequestWorkflows#startRun): same
   * workflow type, task queue, ID and reuse policies, search attributes and memo, one {@code
   * StartWorkflowExecution} call.
   */
  private static boolean startRaw(WorkflowClient client, String requestId) {
    MediaRequestInput input =
        MediaRequestInput.movie(RAW_SOURCE, requestId, "Big Buck Bunny", 2008, 10378)
            .withRequester("bench", null, RAW_SOURCE + ":" + requestId + ":MEDIA_APPROVED");
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.mediaRequest(RAW_SOURCE, requestId))
            .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
            // What the gateway sets (RequestWorkflows#startRun).
            .setTypedSearchAttributes(RequestSearchAttributes.atStart(input))
            .setMemo(Map.of("title", input.title(), "year", 2008, "requestedBy", "bench"))
            .build();
    client.newUntypedWorkflowStub(WORKFLOW_TYPE, options).start(input);
    return true;
  }

  private GatewaySide measureGateway(Path dir) throws Exception {
    try (DevServerDatabase database = DevServerDatabase.in(dir, TMPFS);
        TemporalDevServer temporal = TemporalDevServer.start(database.directory())) {
      int port = TemporalDevServer.freePort();
      try (JarProcess gateway = GatewayProcess.start(dir, port, temporal.address())) {
        String baseUrl = "http://127.0.0.1:" + port;
        // The warm-up goes through Gatling too, at the same rate: Gatling runs in this JVM, and a
        // cold Gatling (class loading, JIT of its engine and HTTP client) in the measured run
        // would add its own pauses to the gateway's latencies. The raw side warms up its own
        // client the same way.
        SeerrWebhookSimulation.configure(
            new SeerrWebhookSimulation.Target(
                baseUrl, SEERR_AUTHORIZATION, "w-", WARM_UP_RATE, WARM_UP));
        GatlingRun.run(
            SeerrWebhookSimulation.class, Files.createDirectories(dir.resolve("gatling-warm-up")));
        Set<String> warmedUp = SeerrWebhookSimulation.accepted();
        String warmUp = warmedUp.size() + " of " + WARM_UP_RATE * WARM_UP.toSeconds() + " accepted";

        // A warm-up delivery that timed out (a cold channel) waits in the inbox, and while any
        // does, every later one is queued behind it: the measured phase starts with it empty.
        awaitEmptyInbox(gateway);
        long queuedBefore = (long) gateway.metric("temporarr_gateway_inbox_queued_total");
        Path gatlingResults = Files.createDirectories(dir.resolve("gatling"));
        SeerrWebhookSimulation.configure(
            new SeerrWebhookSimulation.Target(baseUrl, SEERR_AUTHORIZATION, "m-", RATE, MEASURED));
        quietLoadGenerator();
        Duration serverBefore = CpuTime.ofDevServer(temporal.port());
        Duration gatewayBefore = CpuTime.of(gateway.pid());
        Duration gatewayJitBefore = CpuTime.ofJitCompilers(gateway.pid());
        Duration gatlingJitBefore = CpuTime.ofJitCompilers(ProcessHandle.current().pid());
        GatlingRun.simulate(SeerrWebhookSimulation.class, gatlingResults);
        Duration gatewayJit = CpuTime.ofJitCompilers(gateway.pid()).minus(gatewayJitBefore);
        Duration gatlingJit =
            CpuTime.ofJitCompilers(ProcessHandle.current().pid()).minus(gatlingJitBefore);
        Duration serverUsed = CpuTime.ofDevServer(temporal.port()).minus(serverBefore);
        Duration gatewayUsed = CpuTime.of(gateway.pid()).minus(gatewayBefore);
        GatlingRun.report(gatlingResults);
        GatlingStats stats = GatlingStats.readLatest(gatlingResults);
        int answered = (int) Math.max(1, stats.ok());
        double serverCpu = CpuTime.millisPer(serverUsed, answered);
        double gatewayCpu = CpuTime.millisPer(gatewayUsed, answered);
        System.out.printf(
            "gateway benchmark, gateway side: warm-up %s, measured %s%n", warmUp, stats);
        Set<String> acknowledged = new HashSet<>(warmedUp);
        acknowledged.addAll(SeerrWebhookSimulation.accepted());

        awaitEmptyInbox(gateway);
        long queued = (long) gateway.metric("temporarr_gateway_inbox_queued_total") - queuedBefore;
        String metrics = gateway.get("/actuator/prometheus").body();
        double temporalCalls =
            PrometheusText.sum(metrics, REQUEST_COUNT, "operation", "StartWorkflowExecution")
                + PrometheusText.sum(
                    metrics, REQUEST_COUNT, "operation", "DescribeWorkflowExecution");

        WorkflowServiceStubs stubs = stubs(temporal);
        try {
          Set<String> workflows =
              awaitWorkflows(WorkflowClient.newInstance(stubs), SEERR_SOURCE, acknowledged.size());
          Set<String> ackedIds =
              acknowledged.stream()
                  .map(id -> WorkflowIds.mediaRequest(SEERR_SOURCE, id))
                  .collect(Collectors.toSet());
          Set<String> lost = new HashSet<>(ackedIds);
          lost.removeAll(workflows);
          Set<String> unexpected = new HashSet<>(workflows);
          unexpected.removeAll(ackedIds);
          return new GatewaySide(
              stats,
              queued,
              temporalCalls / Math.max(1, acknowledged.size()),
              workflows.size(),
              lost.size(),
              unexpected.size(),
              GatlingStats.latestReport(gatlingResults),
              serverCpu,
              gatewayCpu,
              CpuTime.millisPer(gatewayJit, answered),
              CpuTime.millisPer(gatlingJit, answered));
        } finally {
          stubs.shutdownNow();
        }
      }
    }
  }

  /**
   * Collects this JVM's garbage before a measured phase, on both sides alike: Gatling and the raw
   * client run in this JVM, and the warm-up's garbage (8,000 requests of it) would otherwise be
   * collected inside the measured minute of whichever side comes next, adding its pauses to that
   * side's latencies only.
   */
  private static void quietLoadGenerator() {
    System.gc();
  }

  private static void awaitEmptyInbox(JarProcess gateway) {
    await()
        .atMost(DRAIN)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> gateway.metric("temporarr_gateway_inbox_depth") == 0);
  }

  /**
   * The IDs of the source's request workflows, once visibility shows at least {@code expected} (or
   * after a minute: the caller's assertion then names the gap).
   */
  private static Set<String> awaitWorkflows(WorkflowClient client, String source, int expected) {
    String query =
        "WorkflowType = '"
            + WORKFLOW_TYPE
            + "' AND "
            + io.temporarr.workflows.common.SearchAttributes.REQUEST_SOURCE.getName()
            + " = '"
            + source
            + "'";
    try {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> client.listExecutions(query).count() >= expected);
    } catch (ConditionTimeoutException fewer) {
      // Fall through: the set below is smaller than expected and the assertion says so.
    }
    List<String> ids =
        client.listExecutions(query).map(e -> e.getExecution().getWorkflowId()).toList();
    Set<String> distinct = new HashSet<>(ids);
    if (distinct.size() != ids.size()) {
      throw new AssertionError(
          (ids.size() - distinct.size()) + " duplicated executions among " + source + " requests");
    }
    return distinct;
  }

  private static WorkflowServiceStubs stubs(TemporalDevServer temporal) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /**
   * {@code serverCpuMillis}: the dev server's CPU per start in the measured phase; {@code
   * clientJitCpuMillis}: this JVM's JIT compilers' CPU per start meanwhile.
   */
  private record RawSide(
      OpenLoop.Result measured,
      int expectedWorkflows,
      int workflows,
      double serverCpuMillis,
      double clientJitCpuMillis) {}

  private record GatewaySide(
      GatlingStats stats,
      long queued,
      double temporalCallsPerWebhook,
      int workflows,
      int lost,
      int unexpected,
      Path report,
      double serverCpuMillis,
      double gatewayCpuMillis,
      double gatewayJitCpuMillis,
      double gatlingJitCpuMillis) {}
}
