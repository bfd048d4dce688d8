package io.temporarr.benchmarks.gateway;

import java.util.Arrays;

/**
 * Percentiles of measured call latencies, by nearest rank (the value below which {@code p} of the
 * calls fall), in milliseconds.
 */
record Latencies(int count, double p50Millis, double p99Millis, double maxMillis) {

  /** Summarises latencies given in nanoseconds; an empty array gives count 0 and NaNs. */
  static Latencies ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        millis(nearestRank(sorted, 0.50)),
        millis(nearestRank(sorted, 0.99)),
        millis(sorted[sorted.length - 1]));
  }

  static long nearestRank(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
