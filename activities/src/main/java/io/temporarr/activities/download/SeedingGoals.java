package io.temporarr.activities.download;

import java.time.Duration;

/**
 * What a torrent client does with a download once the request imported it.
 *
 * <p>With a goal set (private trackers count ratio or seeding time), the download keeps seeding
 * until the first goal is reached — the rule qBittorrent's own share limits and Radarr/Sonarr apply
 * — and only then is removed with its files. Without goals, {@code removeImported} chooses between
 * removing it right after import and leaving it to seed for as long as the client runs.
 *
 * @param ratio uploaded ÷ size to reach, null for none
 * @param seedingTime time spent seeding to reach, null for none
 * @param removeImported remove imported downloads (once a goal is met, or at once without goals)
 */
public record SeedingGoals(Double ratio, Duration seedingTime, boolean removeImported) {

  /**
   * The tag (qBittorrent) or label (Transmission) that marks a download the request has imported:
   * only downloads carrying it are ever removed for having met a goal.
   */
  public static final String IMPORTED_MARK = "temporarr-imported";

  /** Keep every imported download seeding; remove nothing. */
  public static final SeedingGoals KEEP = new SeedingGoals(null, null, false);

  public SeedingGoals {
    if (ratio != null && !(ratio >= 0)) {
      throw new IllegalArgumentException("seeding ratio must be 0 or more, was " + ratio);
    }
    if (seedingTime != null && seedingTime.isNegative()) {
      throw new IllegalArgumentException("seeding time must not be negative, was " + seedingTime);
    }
  }

  /** True when a ratio or a seeding time is set. */
  public boolean hasGoal() {
    return ratio != null || seedingTime != null;
  }

  /** True when an imported download is marked, to be removed once it meets a goal. */
  public boolean removesWhenMet() {
    return removeImported && hasGoal();
  }

  /** True when an imported download is removed at once (no goal to seed towards). */
  public boolean removesAtImport() {
    return removeImported && !hasGoal();
  }

  /** True when the download has reached a goal (false when none is set). */
  public boolean met(double currentRatio, Duration seeded) {
    return (ratio != null && currentRatio >= ratio)
        || (seedingTime != null && seeded != null && seeded.compareTo(seedingTime) >= 0);
  }
}
