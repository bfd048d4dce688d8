package io.temporarr.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    // 1 ms … 100 ms, shuffled order must not matter.
    long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> (101 - ms) * 1_000_000).toArray();

    Latencies latencies = Latencies.ofNanos(nanos);

    assertThat(latencies).isEqualTo(new Latencies(100, 50.0, 99.0, 100.0));
  }

  @Test
  void aSingleCallIsEveryPercentile() {
    assertThat(Latencies.ofNanos(new long[] {2_500_000}))
        .isEqualTo(new Latencies(1, 2.5, 2.5, 2.5));
  }

  @Test
  void noCallsGiveNoFigures() {
    Latencies none = Latencies.ofNanos(new long[0]);

    assertThat(none.count()).isZero();
    assertThat(none.p99Millis()).isNaN();
  }

  @Test
  void nearestRankOfTheTopPercentIsTheSlowestOfFewerThanAHundred() {
    long[] sorted = LongStream.rangeClosed(1, 10).toArray();

    assertThat(Latencies.nearestRank(sorted, 0.99)).isEqualTo(10);
    assertThat(Latencies.nearestRank(sorted, 0.50)).isEqualTo(5);
  }
}
