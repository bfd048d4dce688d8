package io.temporarr.benchmarks.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Nearest-rank percentiles of a set of latencies: the p-th percentile is the smallest value with at
 * least p % of the values at or below it, so p99 of 50 samples is the largest, never an
 * interpolation below what was measured.
 */
public final class Percentiles {

  private final List<Duration> sorted;

  private Percentiles(List<Duration> sorted) {
    this.sorted = sorted;
  }

  /**
   * @throws IllegalArgumentException when there are no values
   */
  public static Percentiles of(Collection<Duration> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Percentiles(sorted);
  }

  /**
   * @param p in (0, 100]
   */
  public Duration percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  public Duration min() {
    return sorted.get(0);
  }

  public Duration max() {
    return sorted.get(sorted.size() - 1);
  }

  public int count() {
    return sorted.size();
  }

  /** Milliseconds with one decimal, for reports. */
  public static double millis(Duration d) {
    return Math.round(d.toNanos() / 100_000.0) / 10.0;
  }
}
