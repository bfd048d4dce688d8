package io.temporarr.activities.release;

import java.util.List;
import java.util.Locale;

/**
 * What makes a release acceptable and what makes one better than another.
 *
 * @param minSeeders fewest seeders a torrent may have (usenet releases are exempt); null means 1
 * @param minSizeBytes smallest acceptable size, null for no lower bound
 * @param maxSizeBytes largest acceptable size, null for no upper bound
 * @param requiredTerms a release must contain at least one of these terms (none: no requirement)
 * @param forbiddenTerms a release containing any of these terms is rejected
 * @param preferredTerms each term a release contains raises its rank
 * @param allowedQualities acceptable quality labels ({@link Qualities}), most preferred first;
 *     empty accepts every quality without preference
 */
public record ReleaseCriteria(
    Integer minSeeders,
    Long minSizeBytes,
    Long maxSizeBytes,
    List<String> requiredTerms,
    List<String> forbiddenTerms,
    List<String> preferredTerms,
    List<String> allowedQualities) {

  public static final int DEFAULT_MIN_SEEDERS = 1;

  public ReleaseCriteria {
    minSeeders = minSeeders == null ? DEFAULT_MIN_SEEDERS : minSeeders;
    if (minSeeders < 0) {
      throw new IllegalArgumentException("minSeeders must not be negative");
    }
    if (minSizeBytes != null && maxSizeBytes != null && minSizeBytes > maxSizeBytes) {
      throw new IllegalArgumentException("minSizeBytes must not exceed maxSizeBytes");
    }
    requiredTerms = clean(requiredTerms);
    forbiddenTerms = clean(forbiddenTerms);
    preferredTerms = clean(preferredTerms);
    allowedQualities =
        clean(allowedQualities).stream().map(q -> q.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  /** Minimum one seeder, no size bounds, no terms, every quality. */
  public static ReleaseCriteria defaults() {
    return new ReleaseCriteria(null, null, null, null, null, null, null);
  }

  private static List<String> clean(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
  }
}
