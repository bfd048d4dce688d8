package io.temporarr.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporarr.activities.testing.JarProcess;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.benchmarks.BenchReport;
import io.temporarr.benchmarks.Median;
import io.temporarr.benchmarks.gateway.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark 6 (docs/benchmarks.md): start-up time and idle resident memory of the packaged worker
 * and gateway, each run with the production JVM option {@code -XX:MaxRAMPercentage=75}. Three
 * set-ups: the worker's embedded default (sandbox profile, in-process Temporal: what {@code
 * scripts/run} starts), the worker against a real dev server ({@code temporarr.temporal.mode=
 * external}), and the gateway against the same dev server. Each set-up is started {@code
 * bench.footprint.runs} times (default 3), one process at a time, and the median is reported.
 *
 * <p>Start-up is measured twice: from launching {@code java} until {@code /actuator/health} answers
 * 200 (polled every 250 ms, so ±0.25 s), and Spring's own "Started … in X seconds (process running
 * for Y)". Idle RSS is {@code VmRSS} after {@code bench.footprint.settle-seconds} (default 30) of
 * idling after healthy. The issue sets no target, so only what can really fail is asserted: each
 * process becomes healthy, logs its start and has a readable RSS.
 */
@Tag("benchmark")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class FootprintBenchmark {
  private static final int RUNS = Integer.getInteger("bench.footprint.runs", 3);
  private static final Duration SETTLE =
      Duration.ofSeconds(Integer.getInteger("bench.footprint.settle-seconds", 30));
  private static final Duration START = Duration.ofMinutes(3);

  @Test
  void recordsStartUpTimeAndIdleMemoryOfWorkerAndGateway() throws Exception {
    Path dir =
        Files.createDirectories(
            BenchReport.resultsDirectory().resolve("footprint-run-" + System.currentTimeMillis()));
    BenchReport report =
        BenchReport.named("footprint", "start-up time and idle RSS of worker and gateway")
            .put("runs", RUNS)
            .put("settle_s", SETTLE.toSeconds());
    try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"))) {
      record(report, dir, "worker_sandbox", "worker.log", FootprintBenchmark::startWorkerSandbox);
      record(
          report,
          dir,
          "worker_external",
          "worker.log",
          runDir -> startWorkerExternal(runDir, temporal.address()));
      record(
          report,
          dir,
          "gateway",
          "gateway.log",
          runDir -> GatewayProcess.start(runDir, TemporalDevServer.freePort(), temporal.address()));
    }
    report.write();
  }

  /**
   * Starts, measures and stops one set-up RUNS times, each in its own directory (where the launcher
   * puts the process' log, {@code logName}); puts the medians under {@code name_…}.
   */
  private void record(BenchReport report, Path dir, String name, String logName, Launcher launcher)
      throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Path runDir = dir.resolve(name + "-" + run);
      long launched = System.nanoTime();
      try (JarProcess process = launcher.start(runDir)) {
        double healthySeconds = (System.nanoTime() - launched) / 1e9;
        assertThat(process.isAlive()).as("%s run %d alive once healthy", name, run).isTrue();
        await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(5)).until(() -> true);
        double rss = ProcStatus.rssMib(process.pid());
        SpringStartup spring = SpringStartup.parse(Files.readString(runDir.resolve(logName)));
        Sample sample =
            new Sample(healthySeconds, spring.contextSeconds(), spring.processSeconds(), rss);
        System.out.printf("footprint %s run %d: %s%n", name, run, sample);
        samples.add(sample);
      }
    }
    report
        .put(name + "_healthy_s", Median.of(samples.stream().mapToDouble(Sample::healthySeconds)))
        .put(
            name + "_spring_started_s",
            Median.of(samples.stream().mapToDouble(Sample::springSeconds)))
        .put(
            name + "_jvm_to_started_s", Median.of(samples.stream().mapToDouble(Sample::jvmSeconds)))
        .put(name + "_idle_rss_mib", Median.of(samples.stream().mapToDouble(Sample::rssMib)));
    assertThat(samples).allSatisfy(sample -> assertThat(sample.rssMib()).isPositive());
  }

  /** The embedded default: sandbox profile, in-process Temporal server. */
  private static JarProcess startWorkerSandbox(Path dir) throws Exception {
    // The embedded server's default port (7233) may be taken on a shared machine.
    return startWorker(
        dir, List.of("--temporarr.temporal.embedded.port=" + TemporalDevServer.freePort()));
  }

  private static JarProcess startWorkerExternal(Path dir, String temporalAddress) throws Exception {
    return startWorker(
        dir,
        List.of(
            "--temporarr.temporal.mode=external",
            "--spring.temporal.connection.target=" + temporalAddress));
  }

  private static JarProcess startWorker(Path dir, List<String> args) throws Exception {
    return JarProcess.start(
        workerJar(),
        dir.resolve("worker.log"),
        TemporalDevServer.freePort(),
        Map.of(),
        GatewayProcess.PRODUCTION_JVM_OPTIONS,
        args,
        START);
  }

  private static Path workerJar() {
    return Path.of(
            System.getProperty("temporarr.worker.jar", "../worker/target/temporarr-worker.jar"))
        .toAbsolutePath();
  }

  @FunctionalInterface
  private interface Launcher {
    JarProcess start(Path runDir) throws Exception;
  }

  private record Sample(
      double healthySeconds, double springSeconds, double jvmSeconds, double rssMib) {}
}
