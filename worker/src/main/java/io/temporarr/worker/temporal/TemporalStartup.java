package io.temporarr.worker.temporal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs the steps that need a reachable Temporal server (register search attributes, start the
 * workers, ensure the download monitors) in the background once the application is ready, each
 * retried with doubling backoff until it succeeds. A worker started before its Temporal server
 * therefore waits instead of crash-looping; the {@code temporal} health component reports DOWN with
 * the step it waits for until every step is done.
 */
public final class TemporalStartup
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TemporalStartup.class);

  /** One start-up step; must be idempotent, since a failed attempt is simply run again. */
  public record Step(String name, Runnable action) {}

  private final String connection;
  private final List<Step> steps;
  private final Duration initialBackoff;
  private final Duration maximumBackoff;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final ExecutorService executor;
  private volatile String waitingFor;
  private volatile String lastError;

  /**
   * @param connection one line describing where Temporal is, logged when start-up begins
   */
  public TemporalStartup(
      String connection, List<Step> steps, Duration initialBackoff, Duration maximumBackoff) {
    this.connection = connection;
    this.steps = List.copyOf(steps);
    this.initialBackoff = initialBackoff;
    this.maximumBackoff = maximumBackoff;
    CustomizableThreadFactory threads = new CustomizableThreadFactory("temporarr-startup-");
    threads.setDaemon(true);
    this.executor = Executors.newSingleThreadExecutor(threads);
    this.waitingFor = steps.isEmpty() ? null : steps.get(0).name();
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    log.info(connection);
    executor.execute(this::runSteps);
  }

  /** Completes when every step has succeeded. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /** The step start-up is waiting for, or null once ready. */
  public String waitingFor() {
    return waitingFor;
  }

  /** The last failure of the step waited for (type and message), or null. */
  public String lastError() {
    return lastError;
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private void runSteps() {
    try {
      for (Step step : steps) {
        waitingFor = step.name();
        runUntilDone(step);
      }
      waitingFor = null;
      lastError = null;
      ready.complete(null);
      log.info("Temporal start-up complete: {}", steps.stream().map(Step::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down before Temporal answered
    }
  }

  private void runUntilDone(Step step) throws InterruptedException {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        step.action().run();
        return;
      } catch (RuntimeException e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn(
            "Start-up step '{}' failed (attempt {}), retrying in {}: {}",
            step.name(),
            attempt,
            backoff,
            lastError);
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(maximumBackoff) > 0) {
          backoff = maximumBackoff;
        }
      }
    }
  }
}
