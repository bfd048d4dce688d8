package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

  @Test
  void readsThisProcessCpuTimeAndZeroForAProcessThatDoesNotExist() {
    assertThat(CpuTime.of(ProcessHandle.current().pid())).isPositive();
    assertThat(CpuTime.of(Long.MAX_VALUE)).isZero();
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
