package io.temporarr.benchmarks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunWindowTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void spansFromTheFirstStartToTheLastCloseWhateverTheOrder() {
    RunWindow window =
        RunWindow.of(
            List.of(T0.plusSeconds(1), T0, T0.plusSeconds(2)),
            List.of(T0.plusSeconds(9), T0.plusSeconds(10), T0.plusSeconds(3)));

    assertThat(window.firstStart()).isEqualTo(T0);
    assertThat(window.lastClose()).isEqualTo(T0.plusSeconds(10));
    assertThat(window.span()).isEqualTo(Duration.ofSeconds(10));
    assertThat(window.perSecond()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void rejectsAnEmptyBatchMismatchedListsAndAZeroSpan() {
    assertThatThrownBy(() -> RunWindow.of(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunWindow.of(List.of(T0), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunWindow.of(List.of(T0), List.of(T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
