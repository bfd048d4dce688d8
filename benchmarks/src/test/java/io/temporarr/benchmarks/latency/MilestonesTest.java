package io.temporarr.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilestonesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void reportsTheMedianOffsetOfEachMilestoneInFirstSeenOrder() {
    Milestones milestones = new Milestones();
    for (int i = 1; i <= 3; i++) {
      Instant origin = T0.plusSeconds(i * 10L);
      Map<String, Instant> request = new LinkedHashMap<>();
      request.put("signal", origin.plusMillis(i));
      request.put("import", origin.plusMillis(100L * i));
      milestones.add(origin, request);
    }
    Map<String, Instant> partial = new LinkedHashMap<>();
    partial.put("import", T0.plusMillis(50));
    milestones.add(T0, partial);

    assertThat(milestones.medians()).isEqualTo("signal=2.0ms, import=100.0ms");
  }
}
