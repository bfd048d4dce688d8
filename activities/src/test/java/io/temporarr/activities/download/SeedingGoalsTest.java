package io.temporarr.activities.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeedingGoalsTest {

  @Test
  void aGoalWithRemoveImportedMarksAndRemovesWhenMet() {
    SeedingGoals goals = new SeedingGoals(1.0, Duration.ofHours(72), true);

    assertThat(goals.removesWhenMet()).isTrue();
    assertThat(goals.removesAtImport()).isFalse();
    assertThat(goals.met(0.99, Duration.ofHours(71))).isFalse();
    assertThat(goals.met(1.0, Duration.ZERO)).isTrue();
    assertThat(goals.met(0, Duration.ofHours(72))).isTrue();
    assertThat(goals.met(0, null)).isFalse();
  }

  @Test
  void withoutGoalsRemoveImportedRemovesAtImportAndNothingIsEverMet() {
    SeedingGoals goals = new SeedingGoals(null, null, true);

    assertThat(goals.removesAtImport()).isTrue();
    assertThat(goals.removesWhenMet()).isFalse();
    assertThat(goals.met(100, Duration.ofDays(365))).isFalse();
  }

  @Test
  void keepNeitherMarksNorRemoves() {
    assertThat(SeedingGoals.KEEP.removesAtImport()).isFalse();
    assertThat(SeedingGoals.KEEP.removesWhenMet()).isFalse();
    assertThat(new SeedingGoals(1.0, null, false).removesWhenMet()).isFalse();
  }

  @Test
  void rejectsNegativeGoals() {
    assertThatIllegalArgumentException().isThrownBy(() -> new SeedingGoals(-0.1, null, true));
    assertThatIllegalArgumentException().isThrownBy(() -> new SeedingGoals(Double.NaN, null, true));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SeedingGoals(null, Duration.ofSeconds(-1), true));
  }
}
