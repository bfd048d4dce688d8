package io.temporarr.benchmarks.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory stand-in for the download client: a registered download completes {@code
 * downloadDuration} after registration; a poll reports each registered one and forgets those it
 * reported complete. One instance per bare worker process (a single worker, as in the benchmark).
 */
final class BareActivitiesImpl implements BareActivities {

  private final Duration downloadDuration;
  private final Clock clock;
  private final Map<String, Instant> registered = new ConcurrentHashMap<>();

  BareActivitiesImpl(Duration downloadDuration, Clock clock) {
    this.downloadDuration = downloadDuration;
    this.clock = clock;
  }

  @Override
  public void step(String workflowId, boolean register) {
    if (register) {
      registered.putIfAbsent(workflowId, clock.instant());
    }
  }

  @Override
  public List<BareProgress> poll() {
    Instant now = clock.instant();
    List<BareProgress> progress = new ArrayList<>();
    registered.forEach(
        (workflowId, since) -> {
          boolean complete = !since.plus(downloadDuration).isAfter(now);
          progress.add(new BareProgress(workflowId, complete));
          if (complete) {
            registered.remove(workflowId, since);
          }
        });
    return progress;
  }
}
