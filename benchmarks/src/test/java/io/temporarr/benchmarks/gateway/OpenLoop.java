package io.temporarr.benchmarks.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * An open-model load driver: call {@code n} (1, 2, 3 …) is started at its scheduled moment, {@code
 * rate} per second, whether or not earlier calls have answered — as webhooks arrive. Each call runs
 * on its own pooled thread, so a slow answer never delays the next arrival; its latency is measured
 * from the moment it started to its answer.
 */
final class OpenLoop {

  /**
   * @param sent calls started
   * @param succeeded calls whose predicate returned true
   * @param perSecond succeeded calls per second between the first start and the last answer
   * @param latencies of the successful calls
   */
  record Result(int sent, int succeeded, double perSecond, Latencies latencies) {}

  private OpenLoop() {}

  /**
   * Runs {@code call} {@code rate × duration} times at the fixed rate and waits for every answer
   * (at most {@code drain} after the last start). A call that throws counts as failed.
   */
  static Result run(int rate, Duration duration, Duration drain, IntPredicate call)
      throws InterruptedException {
    int total = (int) (rate * duration.toMillis() / 1000);
    long periodNanos = 1_000_000_000L / rate;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
    long[] latencies = new long[total];
    Arrays.fill(latencies, -1);
    List<CompletableFuture<Void>> calls = new ArrayList<>(total);
    ExecutorService callers = Executors.newCachedThreadPool(daemon("open-loop-call"));
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(daemon("open-loop"));
    try {
      CompletableFuture<Void> scheduled = new CompletableFuture<>();
      ScheduledFuture<?> ticks =
          clock.scheduleAtFixedRate(
              () -> {
                int n = next.getAndIncrement();
                if (n >= total) {
                  scheduled.complete(null);
                  return;
                }
                synchronized (calls) {
                  calls.add(
                      CompletableFuture.runAsync(
                          () -> {
                            long start = System.nanoTime();
                            firstStart.accumulateAndGet(start, Math::min);
                            boolean ok;
                            try {
                              ok = call.test(n + 1);
                            } catch (RuntimeException failed) {
                              ok = false;
                            }
                            long end = System.nanoTime();
                            lastEnd.accumulateAndGet(end, Math::max);
                            latencies[n] = ok ? end - start : -1;
                            if (ok) {
                              succeeded.incrementAndGet();
                            }
                          },
                          callers));
                }
              },
              0,
              periodNanos,
              TimeUnit.NANOSECONDS);
      scheduled.get(duration.plus(drain).toMillis(), TimeUnit.MILLISECONDS);
      ticks.cancel(false);
      CompletableFuture<?>[] all;
      synchronized (calls) {
        all = calls.toArray(CompletableFuture[]::new);
      }
      CompletableFuture.allOf(all).get(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("open loop did not finish in time", e);
    } finally {
      clock.shutdownNow();
      callers.shutdownNow();
    }
    long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
    double seconds = (lastEnd.get() - firstStart.get()) / 1e9;
    return new Result(
        total, succeeded.get(), seconds > 0 ? succeeded.get() / seconds : 0, Latencies.ofNanos(ok));
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
