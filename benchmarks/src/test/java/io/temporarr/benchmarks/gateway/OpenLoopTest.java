package io.temporarr.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OpenLoopTest {

  @Test
  @Timeout(30)
  void startsRateTimesDurationCallsNumberedFromOneAndCountsOnlySuccesses() throws Exception {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();

    OpenLoop.Result result =
        OpenLoop.run(
            200,
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            n -> {
              seen.add(n);
              if (n == 3) {
                throw new IllegalStateException("a failed call");
              }
              return n % 2 == 0;
            });

    assertThat(seen).hasSize(20).contains(1, 20).doesNotContain(0, 21);
    assertThat(result.sent()).isEqualTo(20);
    assertThat(result.succeeded()).isEqualTo(10);
    assertThat(result.latencies().count()).isEqualTo(10);
    assertThat(result.perSecond()).isPositive();
  }
}
