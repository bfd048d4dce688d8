package io.temporarr.benchmarks;

import java.util.stream.DoubleStream;

/** The median of a benchmark's repeated figures, rounded to hundredths. */
public final class Median {

  private Median() {}

  /** The middle value, or the mean of the two middle ones of an even count. */
  public static double of(DoubleStream values) {
    return Math.round(exact(values) * 100) / 100.0;
  }

  /** As {@link #of}, not rounded: for a verdict, which rounding must not tip. */
  public static double exact(DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
