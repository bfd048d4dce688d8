package io.temporarr.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class MedianTest {

  @Test
  void theMiddleOfAnOddCountWhateverTheOrder() {
    assertThat(FootprintBenchmark.median(DoubleStream.of(9.0, 1.5, 4.25))).isEqualTo(4.25);
  }

  @Test
  void theMeanOfTheTwoMiddlesOfAnEvenCountRoundedToHundredths() {
    assertThat(FootprintBenchmark.median(DoubleStream.of(1, 2, 3.333, 100))).isEqualTo(2.67);
  }
}
