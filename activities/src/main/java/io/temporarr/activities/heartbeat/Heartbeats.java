package io.temporarr.activities.heartbeat;

import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * Keeps an attempt heartbeating while it waits on work that cannot heartbeat itself: a child
 * process (ffprobe) or a blocking HTTP call (a media server's full refresh, answered only when the
 * scan ends).
 */
public final class Heartbeats {

  /** Often enough that a 30 s heartbeat timeout never fires on a live worker. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  private Heartbeats() {}

  /**
   * Runs {@code work} on a helper thread and beats on the calling (activity) thread every {@code
   * period} until it ends. Work that ends within one period sends no heartbeat at all: each beat is
   * a call to Temporal, and the worker benchmark (docs/benchmarks.md) showed that a beat at the
   * start of every verify, import and refresh cost throughput for nothing, since the heartbeat
   * timeout (30 s) is far longer than the period. The helper thread inherits the caller's MDC, so
   * logs and outbound calls keep the request's correlation ID.
   *
   * <p>When a beat throws (the attempt was cancelled or timed out), the helper thread is
   * interrupted (ffprobe is then killed; an HTTP call ends by its own timeout) and the exception
   * propagates.
   *
   * @return what {@code work} returned; what it threw is rethrown unchanged (a checked exception is
   *     wrapped by {@link Activity#wrap})
   */
  public static <T> T whileRunning(Heartbeat heartbeat, Duration period, Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Thread worker =
        new Thread(
            () -> {
              if (mdc != null) {
                MDC.setContextMap(mdc);
              }
              try {
                result.complete(work.call());
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              } finally {
                MDC.clear();
              }
            },
            "temporarr-heartbeat-work");
    worker.setDaemon(true);
    worker.start();
    try {
      while (true) {
        try {
          return result.get(period.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          heartbeat.beat(null);
        }
      }
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    } catch (RuntimeException | Error stop) {
      worker.interrupt();
      throw stop;
    }
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return Activity.wrap((Exception) failure);
  }
}
