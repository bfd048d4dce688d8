package io.temporarr.benchmarks.latency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the latency goes: per milestone (signal received, each activity scheduled/started/…), the
 * median offset from the moment the download finished, over all requests. Milestones keep the order
 * in which they were first added.
 */
final class Milestones {

  private final Map<String, List<Duration>> offsets = new LinkedHashMap<>();

  /** Adds one request's milestones, measured from {@code origin}. */
  void add(Instant origin, Map<String, Instant> milestones) {
    milestones.forEach(
        (name, at) ->
            offsets
                .computeIfAbsent(name, n -> new ArrayList<>())
                .add(Duration.between(origin, at)));
  }

  /** {@code name=median ms} per milestone, e.g. {@code signal downloadFinished=12.0ms, …}. */
  String medians() {
    List<String> parts = new ArrayList<>();
    offsets.forEach(
        (name, values) ->
            parts.add(
                name + "=" + Percentiles.millis(Percentiles.of(values).percentile(50)) + "ms"));
    return String.join(", ", parts);
  }
}
