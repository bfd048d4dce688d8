package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  @Test
  void addsTheSpaceSeparatedOptionsOfThePropertyAfterTheProductionOnes() {
    System.setProperty("bench.test.jvm", " -Xlog:gc   -XX:+UseSerialGC ");
    try {
      assertThat(JvmOptions.withExtra(List.of("-XX:MaxRAMPercentage=75"), "bench.test.jvm"))
          .containsExactly("-XX:MaxRAMPercentage=75", "-Xlog:gc", "-XX:+UseSerialGC");
    } finally {
      System.clearProperty("bench.test.jvm");
    }
  }

  @Test
  void keepsTheProductionOptionsAloneWithoutTheProperty() {
    assertThat(JvmOptions.withExtra(List.of("-XX:MaxRAMPercentage=75"), "bench.absent.jvm"))
        .containsExactly("-XX:MaxRAMPercentage=75");
  }
}
