package io.temporarr.benchmarks.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * A batch of workflows from the first start to the last close (server times): the throughput the
 * benchmark compares.
 */
public record RunWindow(int workflows, Instant firstStart, Instant lastClose) {

  /**
   * @throws IllegalArgumentException for an empty batch or a batch that closes before it starts
   */
  public static RunWindow of(Collection<Instant> starts, Collection<Instant> closes) {
    if (starts.isEmpty() || starts.size() != closes.size()) {
      throw new IllegalArgumentException("one start and one close per workflow, at least one");
    }
    Instant first = starts.stream().min(Comparator.naturalOrder()).orElseThrow();
    Instant last = closes.stream().max(Comparator.naturalOrder()).orElseThrow();
    if (!last.isAfter(first)) {
      throw new IllegalArgumentException("the last close is not after the first start");
    }
    return new RunWindow(starts.size(), first, last);
  }

  public Duration span() {
    return Duration.between(firstStart, lastClose);
  }

  /** Completed workflows per second over the window. */
  public double perSecond() {
    return workflows * 1_000_000_000.0 / span().toNanos();
  }
}
