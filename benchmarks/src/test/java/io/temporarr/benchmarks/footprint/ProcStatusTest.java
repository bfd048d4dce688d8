package io.temporarr.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

  private static final String STATUS =
      """
      Name:\tjava
      State:\tS (sleeping)
      Pid:\t4242
      VmPeak:\t 8983344 kB
      VmHWM:\t  512000 kB
      VmRSS:\t  301568 kB
      RssAnon:\t  280000 kB
      Threads:\t41
      """;

  @Test
  void readsAKibFigureByName() throws IOException {
    assertThat(ProcStatus.kib(STATUS, "VmRSS")).isEqualTo(301568);
    assertThat(ProcStatus.kib(STATUS, "VmHWM")).isEqualTo(512000);
  }

  @Test
  void doesNotMistakeAFieldForOneThatStartsWithIt() throws IOException {
    assertThat(ProcStatus.kib("RssAnon:\t 5 kB\nVmRSS:\t 7 kB\n", "VmRSS")).isEqualTo(7);
  }

  @Test
  void refusesAStatusWithoutTheField() {
    assertThatThrownBy(() -> ProcStatus.kib("Name:\tjava\nThreads:\t41\n", "VmRSS"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("VmRSS");
  }

  @Test
  void readsTheRssOfThisVeryProcess() throws IOException {
    double mib = ProcStatus.rssMib(ProcessHandle.current().pid());

    assertThat(mib).isGreaterThan(1).isLessThan(1024 * 1024);
  }

  @Test
  void refusesAProcessThatDoesNotExist() {
    assertThatThrownBy(() -> ProcStatus.rssMib(Integer.MAX_VALUE)).isInstanceOf(IOException.class);
  }
}
