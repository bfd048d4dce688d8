package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTimeTest {

  @Test
  void readsThisProcessCpuTimeAndZeroForAProcessThatDoesNotExist() {
    assertThat(CpuTime.of(ProcessHandle.current().pid())).isPositive();
    assertThat(CpuTime.of(Long.MAX_VALUE)).isZero();
  }

  @Test
  void readsTheJitCompilerThreadsOfThisJvmAndZeroForAProcessThatDoesNotExist() {
    long sum = 0;
    for (int i = 0; i < 200_000; i++) {
      sum += Integer.toString(i).hashCode();
    }
    assertThat(sum).isNotZero();
    Duration compilers = CpuTime.ofJitCompilers(ProcessHandle.current().pid());
    assertThat(compilers)
        .isPositive()
        .isLessThanOrEqualTo(CpuTime.of(ProcessHandle.current().pid()));
    assertThat(CpuTime.ofJitCompilers(Long.MAX_VALUE)).isZero();
  }

  @Test
  void countsOnlyCompilerThreadsAndReadsNamesWithSpacesAndParentheses(@TempDir Path dir)
      throws IOException {
    Path compiler = dir.resolve("compiler");
    Files.writeString(
        compiler, "4242 (C2 CompilerThre) S 1 1 1 0 -1 4194624 10 0 0 0 370 25 0 0 20 0 1 0\n");
    Path worker = dir.resolve("worker");
    Files.writeString(
        worker, "4243 (http-nio-8080-exec-1) S 1 1 1 0 -1 4194624 10 0 0 0 900 50 0 0 20 0\n");
    Path odd = dir.resolve("odd");
    Files.writeString(odd, "4244 (C1 CompilerThre) (x) S 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0\n");
    assertThat(CpuTime.compilerTicks(compiler)).isEqualTo(395);
    assertThat(CpuTime.compilerTicks(worker)).isZero();
    assertThat(CpuTime.compilerTicks(odd)).isEqualTo(10);
    assertThat(CpuTime.compilerTicks(dir.resolve("gone"))).isZero();
  }

  @Test
  void findsNoDevServerWhereNoneWasStarted() {
    assertThat(CpuTime.ofDevServer(1)).isZero();
  }

  @Test
  void dividesCpuTimeIntoMillisecondsPerItemWithOneDecimal() {
    assertThat(CpuTime.millisPer(Duration.ofMillis(1_234), 10)).isEqualTo(123.4);
    assertThat(CpuTime.millisPer(Duration.ofNanos(250_000), 1)).isEqualTo(0.3);
  }
}
