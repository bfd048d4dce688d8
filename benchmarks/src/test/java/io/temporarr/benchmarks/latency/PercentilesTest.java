package io.temporarr.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static List<Duration> millis(int fromInclusive, int toInclusive) {
    return IntStream.rangeClosed(fromInclusive, toInclusive).mapToObj(Duration::ofMillis).toList();
  }

  @Test
  void usesTheNearestRankSoEveryPercentileIsAMeasuredValue() {
    List<Duration> descending = new ArrayList<>(millis(1, 100));
    Collections.reverse(descending);
    Percentiles p = Percentiles.of(descending);

    assertThat(p.percentile(50)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.percentile(99)).isEqualTo(Duration.ofMillis(99));
    assertThat(p.percentile(100)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.min()).isEqualTo(Duration.ofMillis(1));
    assertThat(p.max()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.count()).isEqualTo(100);
  }

  @Test
  void p99OfFiftySamplesIsTheLargestAndTheMedianTheTwentyFifth() {
    Percentiles p = Percentiles.of(millis(1, 50));

    assertThat(p.percentile(99)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.percentile(50)).isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    Percentiles p = Percentiles.of(List.of(Duration.ofMillis(7)));

    assertThat(p.percentile(1)).isEqualTo(Duration.ofMillis(7));
    assertThat(p.percentile(99)).isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void rejectsNoValuesAndPercentilesOutsideZeroToHundred() {
    assertThatThrownBy(() -> Percentiles.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    Percentiles p = Percentiles.of(millis(1, 3));
    assertThatThrownBy(() -> p.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.percentile(100.1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsMillisecondsWithOneDecimal() {
    assertThat(Percentiles.millis(Duration.ofNanos(1_234_567))).isEqualTo(1.2);
    assertThat(Percentiles.millis(Duration.ofSeconds(2))).isEqualTo(2000.0);
  }
}
