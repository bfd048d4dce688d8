package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class MedianTest {

  @Test
  void theMiddleOfAnOddCountWhateverTheOrder() {
    assertThat(Median.of(DoubleStream.of(9.0, 1.5, 4.25))).isEqualTo(4.25);
  }

  @Test
  void theMeanOfTheTwoMiddlesOfAnEvenCountRoundedToHundredths() {
    assertThat(Median.of(DoubleStream.of(1, 2, 3.333, 100))).isEqualTo(2.67);
  }

  @Test
  void exactKeepsWhatRoundingWouldTip() {
    assertThat(Median.exact(DoubleStream.of(0.6951, 0.5, 0.8))).isEqualTo(0.6951);
    assertThat(Median.of(DoubleStream.of(0.6951, 0.5, 0.8))).isEqualTo(0.7);
  }

  @Test
  void noValuesIsAnError() {
    assertThatThrownBy(() -> Median.of(DoubleStream.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
