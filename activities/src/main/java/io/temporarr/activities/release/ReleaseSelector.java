package io.temporarr.activities.release;

import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Filters and ranks releases the way Radarr/Sonarr do, as a pure function of the criteria, the
 * releases, the blocklist and the runtime.
 *
 * <p>Filters, in this order (the first failing one is the reason): {@link
 * RejectionReasons#BLOCKLISTED blocklisted} (infohash or guid), {@link
 * RejectionReasons#PROTOCOL_NOT_ALLOWED no-client-for-protocol}, {@link
 * RejectionReasons#QUALITY_NOT_ALLOWED quality-not-allowed}, {@link RejectionReasons#MIN_SEEDERS
 * min-seeders} (torrents only), {@link RejectionReasons#TOO_SMALL too-small}, {@link
 * RejectionReasons#TOO_LARGE too-large} (an unknown size of 0 passes both, as in Radarr), {@link
 * RejectionReasons#FORBIDDEN_TERM forbidden-term}, {@link RejectionReasons#MISSING_REQUIRED_TERM
 * missing-required-term}. Terms match case-insensitively on whole words of the title, where dots,
 * dashes, underscores, brackets and spaces all separate words ("web dl" matches "WEB-DL").
 *
 * <p>Size bounds: with a known runtime, a per-minute bound ({@link
 * ReleaseCriteria#minMbPerMinute()}, {@link ReleaseCriteria#maxMbPerMinute()}) times the runtime
 * replaces the absolute bound of the same side; without one, the absolute bounds apply.
 *
 * <p>Ranking, best first: position of the quality in {@link ReleaseCriteria#allowedQualities()} →
 * number of preferred terms → the {@linkplain ReleaseCriteria#preferredProtocol() preferred
 * protocol} → indexer priority (lower is preferred, as in Radarr) → seeders on a rounded log10
 * scale (so 90 and 110 seeders tie and the next key decides) → distance of the size from the middle
 * of the size bounds. The same release found twice (same infohash or guid) keeps its best-ranked
 * copy; the others are rejected as {@link RejectionReasons#DUPLICATE duplicate}.
 */
public final class ReleaseSelector {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s._\\-\\[\\](){}+,/:;|]+");

  /** Radarr's "MB" per minute is a mebibyte. */
  private static final long MB = 1024L * 1024L;

  private final ReleaseCriteria criteria;
  private final List<String> required;
  private final List<String> forbidden;
  private final List<String> preferred;
  private final SizeBounds absoluteBounds;

  public ReleaseSelector(ReleaseCriteria criteria) {
    this.criteria = criteria == null ? ReleaseCriteria.defaults() : criteria;
    this.required = normaliseAll(this.criteria.requiredTerms());
    this.forbidden = normaliseAll(this.criteria.forbiddenTerms());
    this.preferred = normaliseAll(this.criteria.preferredTerms());
    this.absoluteBounds = bounds(null);
  }

  /**
   * Splits releases into accepted (best first) and rejected (with a stable reason, in input order
   * followed by duplicates).
   *
   * @param blocklist {@link Release#blocklistKey()} values to drop; infohashes match any case
   */
  public SearchResult select(List<Release> releases, Collection<String> blocklist) {
    return select(releases, blocklist, null);
  }

  /**
   * As {@link #select(List, Collection)}, with size bounds per minute of runtime.
   *
   * @param runtimeMinutes the runtime the releases should have, null (or not positive) when
   *     unknown: then only the absolute size bounds apply
   */
  public SearchResult select(
      List<Release> releases, Collection<String> blocklist, Integer runtimeMinutes) {
    SizeBounds bounds = bounds(runtimeMinutes);
    Set<String> blocked = new HashSet<>();
    if (blocklist != null) {
      blocklist.stream().filter(k -> k != null).forEach(k -> blocked.add(key(k)));
    }
    List<Release> candidates = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (Release release : releases == null ? List.<Release>of() : releases) {
      String reason = rejectionReason(release, blocked, bounds);
      if (reason == null) {
        candidates.add(release);
      } else {
        rejected.add(new Rejection(release.title(), reason));
      }
    }
    candidates.sort(ranking(bounds));

    List<Release> accepted = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Release release : candidates) {
      List<String> keys = identityKeys(release);
      if (keys.stream().anyMatch(seen::contains)) {
        rejected.add(new Rejection(release.title(), RejectionReasons.DUPLICATE));
      } else {
        seen.addAll(keys);
        accepted.add(release);
      }
    }
    return new SearchResult(accepted, rejected);
  }

  /** The orderer used by {@link #select}: negative when the first release is the better one. */
  public Comparator<Release> ranking() {
    return ranking(absoluteBounds);
  }

  private Comparator<Release> ranking(SizeBounds bounds) {
    return Comparator.comparingInt(this::qualityRank)
        .thenComparing(Comparator.comparingInt(this::preferredScore).reversed())
        .thenComparingInt(this::protocolRank)
        .thenComparingInt(Release::indexerPriority)
        .thenComparing(Comparator.comparingLong(ReleaseSelector::seederScore).reversed())
        .thenComparingLong(release -> bounds.distanceFromMiddle(release.sizeBytes()));
  }

  /** The size bounds for a runtime; see the class comment. */
  private SizeBounds bounds(Integer runtimeMinutes) {
    boolean known = runtimeMinutes != null && runtimeMinutes > 0;
    Long min =
        known && criteria.minMbPerMinute() != null
            ? perMinute(criteria.minMbPerMinute(), runtimeMinutes)
            : criteria.minSizeBytes();
    Long max =
        known && criteria.maxMbPerMinute() != null
            ? perMinute(criteria.maxMbPerMinute(), runtimeMinutes)
            : criteria.maxSizeBytes();
    return new SizeBounds(min, max);
  }

  // Boxed, so the conditionals above never unbox a null absolute bound.
  private static Long perMinute(double megabytesPerMinute, int runtimeMinutes) {
    return Math.round(megabytesPerMinute * MB * runtimeMinutes);
  }

  private String rejectionReason(Release release, Set<String> blocked, SizeBounds bounds) {
    if (identityKeys(release).stream().anyMatch(blocked::contains)) {
      return RejectionReasons.BLOCKLISTED;
    }
    if (!criteria.accepts(release.protocol())) {
      return RejectionReasons.PROTOCOL_NOT_ALLOWED;
    }
    if (!criteria.allowedQualities().isEmpty()
        && !criteria.allowedQualities().contains(quality(release))) {
      return RejectionReasons.QUALITY_NOT_ALLOWED;
    }
    if (release.protocol() == Protocol.TORRENT && release.seeders() < criteria.minSeeders()) {
      return RejectionReasons.MIN_SEEDERS;
    }
    long size = release.sizeBytes();
    if (size > 0 && bounds.min() != null && size < bounds.min()) {
      return RejectionReasons.TOO_SMALL;
    }
    if (size > 0 && bounds.max() != null && size > bounds.max()) {
      return RejectionReasons.TOO_LARGE;
    }
    String words = words(release.title());
    if (forbidden.stream().anyMatch(term -> words.contains(term))) {
      return RejectionReasons.FORBIDDEN_TERM;
    }
    if (!required.isEmpty() && required.stream().noneMatch(term -> words.contains(term))) {
      return RejectionReasons.MISSING_REQUIRED_TERM;
    }
    return null;
  }

  private int qualityRank(Release release) {
    int index = criteria.allowedQualities().indexOf(quality(release));
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  private int preferredScore(Release release) {
    String words = words(release.title());
    return (int) preferred.stream().filter(words::contains).count();
  }

  private int protocolRank(Release release) {
    return criteria.preferredProtocol() == null
            || criteria.preferredProtocol() == release.protocol()
        ? 0
        : 1;
  }

  private static long seederScore(Release release) {
    return release.seeders() > 0 ? Math.round(Math.log10(release.seeders())) : 0;
  }

  private static String quality(Release release) {
    String quality = release.quality();
    return quality == null ? Qualities.UNKNOWN : quality.toLowerCase(Locale.ROOT);
  }

  private static List<String> identityKeys(Release release) {
    List<String> keys = new ArrayList<>(2);
    if (release.infoHash() != null && !release.infoHash().isBlank()) {
      keys.add(key(release.infoHash()));
    }
    if (release.guid() != null && !release.guid().isBlank()) {
      keys.add(key(release.guid()));
    }
    return keys;
  }

  // Infohashes arrive in either case; guids are opaque but never differ only by case in practice.
  private static String key(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }

  /** " word word … " so that a padded term matches whole words only. */
  private static String words(String text) {
    if (text == null) {
      return " ";
    }
    return " " + SEPARATORS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim() + " ";
  }

  private static List<String> normaliseAll(List<String> terms) {
    return terms.stream().map(ReleaseSelector::words).filter(t -> !t.isBlank()).toList();
  }

  /** The size range a release must fall in; null sides are open. */
  private record SizeBounds(Long min, Long max) {
    /** Distance from the middle of the range; 0 for an unknown size or without an upper bound. */
    long distanceFromMiddle(long size) {
      if (size <= 0 || max == null) {
        return 0;
      }
      long low = min == null ? 0 : min;
      long middle = low + (max - low) / 2;
      return Math.abs(size - middle);
    }
  }
}
