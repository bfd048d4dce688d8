package io.temporarr.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstWavePollsTest {

  @Test
  void waitsOnePollPerPageOfFirstSnapshotsAndOneMore() {
    assertThat(ScaleBenchmark.firstWavePolls(1)).isEqualTo(2);
    assertThat(ScaleBenchmark.firstWavePolls(1_000)).isEqualTo(2);
    assertThat(ScaleBenchmark.firstWavePolls(1_001)).isEqualTo(3);
    assertThat(ScaleBenchmark.firstWavePolls(10_000)).isEqualTo(11);
  }
}
