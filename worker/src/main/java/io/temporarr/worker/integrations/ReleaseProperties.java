package io.temporarr.worker.integrations;

import io.temporarr.activities.release.Qualities;
import io.temporarr.activities.release.ReleaseCriteria;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.workflows.search.Protocol;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The quality profile: what makes a release acceptable and better ({@code temporarr.release.*}).
 *
 * @param minSeeders fewest seeders a torrent may have (usenet is exempt)
 * @param minSize smallest acceptable size, e.g. {@code 500MB}; unset for no bound. With a known
 *     runtime, {@code minMbPerMinute} replaces it
 * @param maxSize largest acceptable size, e.g. {@code 40GB}; unset for no bound. With a known
 *     runtime, {@code maxMbPerMinute} replaces it
 * @param minMbPerMinute smallest size per minute of a movie's runtime, in MB (MiB, as Radarr)
 * @param maxMbPerMinute largest size per minute of a movie's runtime, in MB
 * @param requiredTerms a release must contain one of these (none: no requirement)
 * @param forbiddenTerms a release containing any of these is rejected
 * @param preferredTerms each one a release contains raises its rank
 * @param allowedQualities acceptable qualities (2160p, 1080p, 720p, 480p, unknown), most preferred
 *     first; empty accepts every quality
 * @param preferredProtocol {@code torrent} or {@code usenet} wins a tie of quality and terms; unset
 *     for no preference
 */
public record ReleaseProperties(
    @PositiveOrZero @DefaultValue("1") int minSeeders,
    DataSize minSize,
    DataSize maxSize,
    @PositiveOrZero Double minMbPerMinute,
    @PositiveOrZero Double maxMbPerMinute,
    List<String> requiredTerms,
    List<String> forbiddenTerms,
    List<String> preferredTerms,
    List<String> allowedQualities,
    Protocol preferredProtocol) {

  private static final String KEY = "temporarr.release.";

  /**
   * The criteria of this profile.
   *
   * @param downloadable the protocols a configured download client handles: releases of the others
   *     are rejected; empty accepts every protocol
   * @throws InvalidConfigurationException naming the key at fault
   */
  ReleaseCriteria toCriteria(Set<Protocol> downloadable) {
    for (String quality : allowedQualities == null ? List.<String>of() : allowedQualities) {
      if (quality != null && !Qualities.ALL.contains(quality.trim().toLowerCase(Locale.ROOT))) {
        throw new InvalidConfigurationException(
            KEY + "allowed-qualities",
            "names an unknown quality '" + quality.trim() + "'",
            "Use only " + String.join(", ", Qualities.ALL) + ", most preferred first.");
      }
    }
    if (negative(minSize) || negative(maxSize)) {
      throw new InvalidConfigurationException(
          KEY + (negative(minSize) ? "min-size" : "max-size"),
          "is negative",
          "Give a size such as 700MB or 40GB, or leave it unset for no bound.");
    }
    if (minSize != null && maxSize != null && minSize.compareTo(maxSize) > 0) {
      throw new InvalidConfigurationException(
          KEY + "min-size",
          "(" + minSize + ") is larger than " + KEY + "max-size (" + maxSize + ")",
          "Set min-size below max-size.");
    }
    if (minMbPerMinute != null && maxMbPerMinute != null && minMbPerMinute > maxMbPerMinute) {
      throw new InvalidConfigurationException(
          KEY + "min-mb-per-minute",
          "("
              + minMbPerMinute
              + ") is larger than "
              + KEY
              + "max-mb-per-minute ("
              + maxMbPerMinute
              + ")",
          "Set min-mb-per-minute below max-mb-per-minute.");
    }
    if (preferredProtocol != null
        && !downloadable.isEmpty()
        && !downloadable.contains(preferredProtocol)) {
      String wanted = preferredProtocol.name().toLowerCase(Locale.ROOT);
      throw new InvalidConfigurationException(
          KEY + "preferred-protocol",
          "is "
              + wanted
              + ", but no download client under temporarr.download-clients handles "
              + wanted,
          "Add a download client for "
              + wanted
              + " (type "
              + (preferredProtocol == Protocol.USENET ? "sabnzbd" : "qbittorrent")
              + ") or set preferred-protocol to "
              + downloadable.stream()
                  .map(p -> p.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(" or "))
              + ".");
    }
    return new ReleaseCriteria(
        minSeeders,
        minSize == null ? null : minSize.toBytes(),
        maxSize == null ? null : maxSize.toBytes(),
        requiredTerms,
        forbiddenTerms,
        preferredTerms,
        allowedQualities,
        minMbPerMinute,
        maxMbPerMinute,
        preferredProtocol,
        downloadable);
  }

  /** Every protocol allowed: for callers that do not know the download clients. */
  ReleaseCriteria toCriteria() {
    return toCriteria(Set.of());
  }

  private static boolean negative(DataSize size) {
    return size != null && size.isNegative();
  }
}
