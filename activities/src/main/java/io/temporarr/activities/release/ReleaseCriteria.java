package io.temporarr.activities.release;

import io.temporarr.workflows.search.Protocol;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a release acceptable and what makes one better than another (the quality profile).
 *
 * @param minSeeders fewest seeders a torrent may have (usenet releases are exempt); null means 1
 * @param minSizeBytes smallest acceptable size, null for no lower bound; used when no per-minute
 *     minimum applies
 * @param maxSizeBytes largest acceptable size, null for no upper bound; used when no per-minute
 *     maximum applies
 * @param requiredTerms a release must contain at least one of these terms (none: no requirement)
 * @param forbiddenTerms a release containing any of these terms is rejected
 * @param preferredTerms each term a release contains raises its rank
 * @param allowedQualities acceptable quality labels ({@link Qualities#ALL}), most preferred first;
 *     empty accepts every quality without preference
 * @param minMbPerMinute smallest size per minute of runtime in MB (MiB, as Radarr counts), used
 *     instead of {@code minSizeBytes} when the runtime is known; null for none
 * @param maxMbPerMinute largest size per minute of runtime in MB, used instead of {@code
 *     maxSizeBytes} when the runtime is known; null for none
 * @param preferredProtocol ranks releases of this protocol first among equal quality and terms;
 *     null for no preference
 * @param allowedProtocols protocols a download client exists for; releases of any other protocol
 *     are rejected. Empty (or null) accepts every protocol
 */
public record ReleaseCriteria(
    Integer minSeeders,
    Long minSizeBytes,
    Long maxSizeBytes,
    List<String> requiredTerms,
    List<String> forbiddenTerms,
    List<String> preferredTerms,
    List<String> allowedQualities,
    Double minMbPerMinute,
    Double maxMbPerMinute,
    Protocol preferredProtocol,
    Set<Protocol> allowedProtocols) {

  public static final int DEFAULT_MIN_SEEDERS = 1;

  public ReleaseCriteria {
    minSeeders = minSeeders == null ? DEFAULT_MIN_SEEDERS : minSeeders;
    if (minSeeders < 0) {
      throw new IllegalArgumentException("minSeeders must not be negative");
    }
    if (minSizeBytes != null && minSizeBytes < 0 || maxSizeBytes != null && maxSizeBytes < 0) {
      throw new IllegalArgumentException("minSizeBytes and maxSizeBytes must not be negative");
    }
    if (minSizeBytes != null && maxSizeBytes != null && minSizeBytes > maxSizeBytes) {
      throw new IllegalArgumentException("minSizeBytes must not exceed maxSizeBytes");
    }
    if (negativeOrNaN(minMbPerMinute) || negativeOrNaN(maxMbPerMinute)) {
      throw new IllegalArgumentException("minMbPerMinute and maxMbPerMinute must not be negative");
    }
    if (minMbPerMinute != null && maxMbPerMinute != null && minMbPerMinute > maxMbPerMinute) {
      throw new IllegalArgumentException("minMbPerMinute must not exceed maxMbPerMinute");
    }
    requiredTerms = clean(requiredTerms);
    forbiddenTerms = clean(forbiddenTerms);
    preferredTerms = clean(preferredTerms);
    allowedQualities =
        clean(allowedQualities).stream().map(q -> q.toLowerCase(Locale.ROOT)).distinct().toList();
    for (String quality : allowedQualities) {
      if (!Qualities.ALL.contains(quality)) {
        throw new IllegalArgumentException(
            "allowedQualities: unknown quality '"
                + quality
                + "' (known: "
                + String.join(", ", Qualities.ALL)
                + ")");
      }
    }
    allowedProtocols =
        allowedProtocols == null || allowedProtocols.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf((Collection<Protocol>) allowedProtocols));
  }

  /** The criteria without per-minute sizes and protocol rules (every protocol is accepted). */
  public ReleaseCriteria(
      Integer minSeeders,
      Long minSizeBytes,
      Long maxSizeBytes,
      List<String> requiredTerms,
      List<String> forbiddenTerms,
      List<String> preferredTerms,
      List<String> allowedQualities) {
    this(
        minSeeders,
        minSizeBytes,
        maxSizeBytes,
        requiredTerms,
        forbiddenTerms,
        preferredTerms,
        allowedQualities,
        null,
        null,
        null,
        null);
  }

  /** Minimum one seeder, no size bounds, no terms, every quality and protocol. */
  public static ReleaseCriteria defaults() {
    return new ReleaseCriteria(null, null, null, null, null, null, null);
  }

  /** True when a release of this protocol can be downloaded by a configured client. */
  public boolean accepts(Protocol protocol) {
    return allowedProtocols.isEmpty() || allowedProtocols.contains(protocol);
  }

  private static boolean negativeOrNaN(Double value) {
    return value != null && (value.isNaN() || value < 0);
  }

  private static List<String> clean(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
  }
}
