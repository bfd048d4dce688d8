package io.temporarr.benchmarks;

import java.time.Duration;
import java.util.Arrays;

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

  /** Milliseconds per item, one decimal. */
  public static double millisPer(Duration cpu, int items) {
    return Math.round(cpu.toNanos() / 100_000.0 / items) / 10.0;
  }
}
