package io.temporarr.benchmarks;

import io.temporarr.benchmarks.scale.ProcessStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far (user + system, from the OS). CPU per completed request does
 * not depend on how much CPU other processes took meanwhile, unlike a rate on a shared machine.
 */
public final class CpuTime {

  private CpuTime() {}

  /** Zero when the process is gone or the OS does not say. */
  public static Duration of(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
  }

  /**
   * CPU time of the {@code temporal server start-dev} this test JVM started on {@code port}: every
   * descendant process with those arguments (a launcher and the server it runs, if it has one);
   * zero when none is found.
   */
  public static Duration ofDevServer(int port) {
    String portArgument = Integer.toString(port);
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(
                        args ->
                            Arrays.asList(args).contains("start-dev")
                                && Arrays.asList(args).contains(portArgument))
                    .orElse(false))
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * CPU time the JIT compiler threads of the JVM {@code pid} ({@code C1 CompilerThre…}, {@code C2
   * CompilerThre…}) have used so far, from {@code /proc/<pid>/task/<tid>/stat} (Linux). A JVM whose
   * compilers still work in a measured window has not reached its steady state: this figure says
   * whether a warm-up was long enough. Zero when the process is gone or {@code /proc} does not say.
   */
  public static Duration ofJitCompilers(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        ticks += compilerTicks(thread.resolve("stat"));
      }
    } catch (IOException | RuntimeException gone) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(ticks * 1_000_000_000L / ProcessStats.CLOCK_TICKS_PER_SECOND);
  }

  /** utime + stime of one thread's {@code stat} when it is a JIT compiler thread, else 0. */
  static long compilerTicks(Path stat) {
    String line;
    try {
      line = Files.readString(stat, StandardCharsets.US_ASCII);
    } catch (IOException threadEnded) {
      return 0;
    }
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = line.substring(open + 1, close);
    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    return ProcessStats.cpuTicks(line);
  }

  /** Milliseconds per item, one decimal. */
  public static double millisPer(Duration cpu, int items) {
    return Math.round(cpu.toNanos() / 100_000.0 / items) / 10.0;
  }
}
