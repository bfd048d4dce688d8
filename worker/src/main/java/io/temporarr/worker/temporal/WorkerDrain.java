package io.temporarr.worker.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Graceful drain on shutdown: the workers stop polling and finish the tasks in hand before anything
 * else stops (the web server with the sandbox, HTTP clients, the embedded server). An activity that
 * does not finish in time is abandoned; Temporal retries it on another worker after its timeout.
 */
final class WorkerDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);

  private final WorkerFactory workerFactory;
  private final TemporalStartup startup;
  private final Duration timeout;
  private volatile boolean running;

  WorkerDrain(WorkerFactory workerFactory, TemporalStartup startup, Duration timeout) {
    this.workerFactory = workerFactory;
    this.startup = startup;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    startup.destroy();
    workerFactory.shutdown();
    workerFactory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!workerFactory.isTerminated()) {
      log.warn("Workers did not drain within {}; unfinished activities will be retried", timeout);
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops first: above the web server's graceful-shutdown and start/stop phases. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
