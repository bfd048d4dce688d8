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
 * releases and the blocklist.
 *
 * <p>Filters, in this order (the first failing one is the reason): {@link
 * RejectionReasons#BLOCKLISTED blocklisted} (infohash or guid), {@link
 * RejectionReasons#QUALITY_NOT_ALLOWED quality-not-allowed}, {@link RejectionReasons#MIN_SEEDERS
 * min-seeders} (torrents only), {@link RejectionReasons#TOO_SMALL too-small}, {@link
 * RejectionReasons#TOO_LARGE too-large} (an unknown size of 0 passes both, as in Radarr), {@link
 * RejectionReasons#FORBIDDEN_TERM forbidden-term}, {@link RejectionReasons#MISSING_REQUIRED_TERM
 * missing-required-term}. Terms match case-insensitively on whole words of the title, where dots,
 * dashes, underscores, brackets and spaces all separate words ("web dl" matches "WEB-DL").
 *
 * <p>Ranking, best first: position of the quality in {@link ReleaseCriteria#allowedQualities()} →
 * number of preferred terms → indexer priority → seeders on a rounded log10 scale (so 90 and 110
 * seeders tie and the next key decides) → distance of the size from the middle of the size bounds.
 * The same release found twice (same infohash or guid) keeps its best-ranked copy; the others are
 * rejected as {@link RejectionReasons#DUPLICATE duplicate}.
 */
public final class ReleaseSelector {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s._\\-\\[\\](){}+,/:;|]+");

  private final ReleaseCriteria criteria;
  private final List<String> required;
  private final List<String> forbidden;
  private final List<String> preferred;
  private final Comparator<Release> ranking;

  public ReleaseSelector(ReleaseCriteria criteria) {
    this.criteria = criteria == null ? ReleaseCriteria.defaults() : criteria;
    this.required = normaliseAll(this.criteria.requiredTerms());
    this.forbidden = normaliseAll(this.criteria.forbiddenTerms());
    this.preferred = normaliseAll(this.criteria.preferredTerms());
    this.ranking =
        Comparator.comparingInt(this::qualityRank)
            .thenComparing(Comparator.comparingInt(this::preferredScore).reversed())
            .thenComparing(Comparator.comparingInt(Release::indexerPriority).reversed())
            .thenComparing(Comparator.comparingLong(ReleaseSelector::seederScore).reversed())
            .thenComparingLong(this::distanceFromPreferredSize);
  }

  /**
   * Splits releases into accepted (best first) and rejected (with a stable reason, in input order
   * followed by duplicates).
   *
   * @param blocklist {@link Release#blocklistKey()} values to drop; infohashes match any case
   */
  public SearchResult select(List<Release> releases, Collection<String> blocklist) {
    Set<String> blocked = new HashSet<>();
    if (blocklist != null) {
      blocklist.stream().filter(k -> k != null).forEach(k -> blocked.add(key(k)));
    }
    List<Release> candidates = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (Release release : releases == null ? List.<Release>of() : releases) {
      String reason = rejectionReason(release, blocked);
      if (reason == null) {
        candidates.add(release);
      } else {
        rejected.add(new Rejection(release.title(), reason));
      }
    }
    candidates.sort(ranking);

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
    return ranking;
  }

  private String rejectionReason(Release release, Set<String> blocked) {
    if (identityKeys(release).stream().anyMatch(blocked::contains)) {
      return RejectionReasons.BLOCKLISTED;
    }
    if (!criteria.allowedQualities().isEmpty()
        && !criteria.allowedQualities().contains(quality(release))) {
      return RejectionReasons.QUALITY_NOT_ALLOWED;
    }
    if (release.protocol() == Protocol.TORRENT && release.seeders() < criteria.minSeeders()) {
      return RejectionReasons.MIN_SEEDERS;
    }
    long size = release.sizeBytes();
    if (size > 0 && criteria.minSizeBytes() != null && size < criteria.minSizeBytes()) {
      return RejectionReasons.TOO_SMALL;
    }
    if (size > 0 && criteria.maxSizeBytes() != null && size > criteria.maxSizeBytes()) {
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

  private static long seederScore(Release release) {
    return release.seeders() > 0 ? Math.round(Math.log10(release.seeders())) : 0;
  }

  private long distanceFromPreferredSize(Release release) {
    if (release.sizeBytes() <= 0 || criteria.maxSizeBytes() == null) {
      return 0;
    }
    long min = criteria.minSizeBytes() == null ? 0 : criteria.minSizeBytes();
    long middle = min + (criteria.maxSizeBytes() - min) / 2;
    return Math.abs(release.sizeBytes() - middle);
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
}
