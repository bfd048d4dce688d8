package io.temporarr.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  @Test
  void cpuTicksAreUtimePlusStimeCountedAfterTheCommandName() {
    // A command name with spaces and a ')' inside: fields are counted from the last ')'.
    String stat =
        "4242 (java (worker) x) S 1 4242 4242 0 -1 4194560 93210 0 12 0 1500 250 0 0 20 0 61 0"
            + " 1234 5678 9012 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";

    assertThat(ProcessStats.cpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void cpuTicksOfThisProcessGrowOrStay() throws Exception {
    long pid = ProcessHandle.current().pid();
    long first = ProcessStats.cpuTicksOf(pid);

    assertThat(ProcessStats.cpuTicksOf(pid)).isGreaterThanOrEqualTo(first).isPositive();
    assertThat(ProcessStats.rssBytesOf(pid)).isGreaterThan(1024 * 1024);
  }

  @Test
  void rssComesFromVmRssInKilobytes() {
    String status = "Name:\tjava\nVmPeak:\t 999999 kB\nVmRSS:\t  345678 kB\nThreads:\t61\n";

    assertThat(ProcessStats.rssBytes(status)).isEqualTo(345678L * 1024);
  }

  @Test
  void heapUsedComesFromTheWholeHeapLineOfGcHeapInfo() {
    String g1 =
        """
        4242:
         garbage-first heap   total 524288K, used 123456K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 12 young (12288K), 2 survivors (2048K)
         Metaspace       used 80000K, committed 81000K, reserved 1114112K
        """;

    assertThat(ProcessStats.heapUsedBytes(g1)).isEqualTo(123456L * 1024);
  }

  @Test
  void unreadableTextsFailLoudly() {
    assertThatThrownBy(() -> ProcessStats.cpuTicks("no parenthesis"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcessStats.rssBytes("Name:\tjava\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcessStats.heapUsedBytes("nothing"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void heapOfThisJvmIsReadWithJcmd() throws Exception {
    assertThat(ProcessStats.heapUsedAfterFullGc(ProcessHandle.current().pid())).isPositive();
  }
}
