package io.temporarr.activities.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.workflows.search.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

  private static ReleaseCriteria withSizes(Long min, Long max, Double minPerMin, Double maxPerMin) {
    return new ReleaseCriteria(
        null, min, max, null, null, null, null, minPerMin, maxPerMin, null, null);
  }

  @Test
  void unknownQualityIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(
            () -> new ReleaseCriteria(null, null, null, null, null, null, List.of("1080p", "4k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "allowedQualities: unknown quality '4k' (known: 2160p, 1080p, 720p, 480p, unknown)");
  }

  @Test
  void negativeOrInvertedSizesAreRefused() {
    assertThatThrownBy(() -> withSizes(-1L, null, null, null))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> withSizes(null, -5L, null, null))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> withSizes(null, null, -1.0, null))
        .hasMessageContaining("minMbPerMinute and maxMbPerMinute must not be negative");
    assertThatThrownBy(() -> withSizes(null, null, null, Double.NaN))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> withSizes(null, null, 40.0, 20.0))
        .hasMessage("minMbPerMinute must not exceed maxMbPerMinute");
    assertThat(withSizes(null, null, 20.0, 20.0).maxMbPerMinute()).isEqualTo(20.0);
  }

  @Test
  void everyProtocolIsAcceptedUnlessTheAllowedOnesAreListed() {
    ReleaseCriteria any = ReleaseCriteria.defaults();
    ReleaseCriteria torrentOnly =
        new ReleaseCriteria(
            null, null, null, null, null, null, null, null, null, null, Set.of(Protocol.TORRENT));

    assertThat(any.accepts(Protocol.USENET)).isTrue();
    assertThat(any.allowedProtocols()).isEmpty();
    assertThat(torrentOnly.accepts(Protocol.TORRENT)).isTrue();
    assertThat(torrentOnly.accepts(Protocol.USENET)).isFalse();
  }
}
