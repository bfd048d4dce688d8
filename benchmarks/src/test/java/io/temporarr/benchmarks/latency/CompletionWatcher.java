package io.temporarr.benchmarks.latency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the sandbox download client every {@code interval} and hands each torrent to {@code
 * onComplete} once, as soon as it is seen complete: the role of qBittorrent's "run external program
 * on torrent finished". Records when each was first seen complete.
 */
final class CompletionWatcher implements AutoCloseable {

  interface OnComplete {
    void completed(SandboxTorrents.Torrent torrent, Instant seenAt) throws Exception;
  }

  private final SandboxTorrents torrents;
  private final OnComplete onComplete;
  private final Map<String, Instant> seenAt = new ConcurrentHashMap<>();
  private final List<Exception> failures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "completion-watcher");
            t.setDaemon(true);
            return t;
          });

  CompletionWatcher(SandboxTorrents torrents, Duration interval, OnComplete onComplete) {
    this.torrents = torrents;
    this.onComplete = onComplete;
    executor.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      for (SandboxTorrents.Torrent t : torrents.completed()) {
        Instant now = Instant.now();
        if (seenAt.putIfAbsent(t.hash(), now) == null) {
          onComplete.completed(t, now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failures.add(e);
    }
  }

  /** When each torrent (by hash) was first seen complete. */
  Map<String, Instant> seenAt() {
    return Map.copyOf(seenAt);
  }

  List<Exception> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
