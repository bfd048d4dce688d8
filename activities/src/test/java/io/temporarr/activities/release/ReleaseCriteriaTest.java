package io.temporarr.activities.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseCriteriaTest {

  @Test
  void defaultsAskForOneSeederAndNothingElse() {
    ReleaseCriteria defaults = ReleaseCriteria.defaults();

    assertThat(defaults.minSeeders()).isEqualTo(1);
    assertThat(defaults.minSizeBytes()).isNull();
    assertThat(defaults.maxSizeBytes()).isNull();
    assertThat(defaults.requiredTerms()).isEmpty();
    assertThat(defaults.forbiddenTerms()).isEmpty();
    assertThat(defaults.preferredTerms()).isEmpty();
    assertThat(defaults.allowedQualities()).isEmpty();
  }

  @Test
  void blankTermsAreDroppedAndQualitiesLowerCasedWithoutRepeats() {
    ReleaseCriteria criteria =
        new ReleaseCriteria(
            0,
            null,
            null,
            Arrays.asList(" x264 ", "", null),
            List.of("  "),
            List.of("REPACK"),
            List.of("2160P", "1080p", "2160p"));

    assertThat(criteria.minSeeders()).isZero();
    assertThat(criteria.requiredTerms()).containsExactly("x264");
    assertThat(criteria.forbiddenTerms()).isEmpty();
    assertThat(criteria.preferredTerms()).containsExactly("REPACK");
    assertThat(criteria.allowedQualities()).containsExactly("2160p", "1080p");
  }

  @Test
  void invalidBoundsAreRefused() {
    assertThatThrownBy(() -> new ReleaseCriteria(-1, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSeeders");
    assertThatThrownBy(() -> new ReleaseCriteria(null, 10L, 5L, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSizeBytes");
  }
}
