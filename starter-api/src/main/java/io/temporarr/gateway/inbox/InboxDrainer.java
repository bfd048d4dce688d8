package io.temporarr.gateway.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporarr.workflows.common.CorrelationPropagator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the inbox to Temporal, oldest entry first, on one background thread that lives with the
 * application context.
 *
 * <p>One entry at a time and strictly in order: an entry is removed only after Temporal accepted
 * it, and the next one is not tried before. So deliveries for one workflow arrive in the order the
 * gateway acknowledged them (a decline never overtakes its approval). The price is head-of-line
 * blocking, which is what we want while Temporal is unreachable anyway.
 *
 * <p>After a failure the drainer pauses {@code initial-backoff}, doubling per consecutive failure
 * up to {@code max-backoff}. Unreachability is retried forever; a rejection makes the entry a dead
 * letter at once; other failures do after {@code max-attempts}. A crash between delivery and
 * removal delivers the entry again on restart, which {@link InboxDelivery} must tolerate.
 */
public final class InboxDrainer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(InboxDrainer.class);

  /** The safety net while idle: new entries wake the drainer at once anyway. */
  private static final Duration IDLE_CHECK = Duration.ofSeconds(5);

  /** How long stopping waits for a delivery in flight (bounded by the Temporal call timeout). */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** How often expired dead letters are looked for. */
  static final Duration PURGE_INTERVAL = Duration.ofHours(1);

  /** Stops after the web server (which stops at SmartLifecycle.DEFAULT_PHASE - 1024). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final InboxStore store;
  private final InboxDelivery delivery;
  private final InboxProperties properties;
  private final Counter queued;
  private final Counter delivered;
  private final Counter dead;

  private final Clock clock;
  private final Object monitor = new Object();
  private boolean nudged;
  private Instant nextPurge = Instant.MIN;
  private volatile boolean running;
  private Thread thread;

  public InboxDrainer(
      InboxStore store,
      InboxDelivery delivery,
      InboxProperties properties,
      MeterRegistry registry) {
    this(store, delivery, properties, registry, Clock.systemUTC());
  }

  InboxDrainer(
      InboxStore store,
      InboxDelivery delivery,
      InboxProperties properties,
      MeterRegistry registry,
      Clock clock) {
    this.clock = clock;
    this.store = store;
    this.delivery = delivery;
    this.properties = properties;
    this.queued =
        Counter.builder(InboxMetrics.QUEUED)
            .description("Deliveries the gateway put into the durable inbox")
            .register(registry);
    this.delivered =
        Counter.builder(InboxMetrics.DELIVERED)
            .description("Inbox entries Temporal accepted")
            .register(registry);
    this.dead =
        Counter.builder(InboxMetrics.DEAD)
            .description("Inbox entries given up as dead letters")
            .register(registry);
    store.onEnqueue(
        () -> {
          queued.increment();
          nudge();
        });
  }

  @Override
  public void start() {
    synchronized (monitor) {
      if (running) {
        return;
      }
      running = true;
      thread = new Thread(this::drain, "gateway-inbox-drainer");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void stop() {
    Thread drainer;
    synchronized (monitor) {
      running = false;
      monitor.notifyAll();
      drainer = thread;
    }
    if (drainer == null) {
      return;
    }
    try {
      drainer.join(STOP_GRACE.toMillis());
      if (drainer.isAlive()) {
        // The entry in flight stays in the inbox and is delivered again on the next start.
        drainer.interrupt();
        drainer.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Whether the drainer's thread still runs (it ends some time after {@link #stop()}). */
  boolean threadAlive() {
    synchronized (monitor) {
      return thread != null && thread.isAlive();
    }
  }

  /** Wakes an idle drainer (a pause after a failure is kept). */
  void nudge() {
    synchronized (monitor) {
      nudged = true;
      monitor.notifyAll();
    }
  }

  private void drain() {
    int failures = 0;
    while (running) {
      Optional<InboxEntry> head;
      try {
        head = store.head();
      } catch (RuntimeException e) {
        log.error("Cannot read the inbox {}", store.path(), e);
        pause(backoff(++failures));
        continue;
      }
      if (head.isEmpty()) {
        purgeExpiredDeadLetters();
        idle();
        continue;
      }
      failures = attempt(head.get(), failures);
    }
  }

  /** Tries one entry; returns the new count of consecutive failures. */
  private int attempt(InboxEntry entry, int failures) {
    // The accepting request's correlation ID: in this thread's log lines, and (through the
    // client's CorrelationPropagator) in the Temporal header of the start or signal.
    if (CorrelationPropagator.isWellFormed(entry.correlationId())) {
      MDC.put(CorrelationPropagator.MDC_KEY, entry.correlationId());
    }
    try {
      return attemptWithMdc(entry, failures);
    } finally {
      MDC.remove(CorrelationPropagator.MDC_KEY);
    }
  }

  private int attemptWithMdc(InboxEntry entry, int failures) {
    DeliveryFailure failure;
    try {
      delivery.deliver(entry);
      store.delivered(entry.sequence());
      delivered.increment();
      if (failures > 0) {
        log.info("Inbox delivering again after {} failed attempts", failures);
      }
      return 0;
    } catch (DeliveryFailure e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = DeliveryFailure.failed(e.getClass().getSimpleName(), e);
    }
    try {
      return failed(entry, failure, failures);
    } catch (RuntimeException e) {
      log.error("Cannot record the failed delivery of {}", entry, e);
      pause(backoff(failures + 1));
      return failures + 1;
    }
  }

  private int failed(InboxEntry entry, DeliveryFailure failure, int failures) {
    boolean giveUp =
        failure.kind() == DeliveryFailure.Kind.REJECTED
            || (failure.kind() == DeliveryFailure.Kind.FAILED
                && entry.attempts() + 1 >= properties.maxAttempts());
    if (giveUp) {
      store.dead(entry.sequence(), failure.getMessage());
      dead.increment();
      log.warn(
          "Inbox entry {} ({}) for {} is a dead letter after {} attempts: {}",
          entry.eventId(),
          entry.kind().code(),
          entry.workflowId(),
          entry.attempts() + 1,
          failure.getMessage());
      // Temporal answered: the next entry can be tried at once.
      return failure.kind() == DeliveryFailure.Kind.REJECTED ? 0 : failures;
    }
    store.failed(entry.sequence(), failure.getMessage());
    int consecutive = failures + 1;
    Duration pause = backoff(consecutive);
    if (consecutive == 1) {
      log.warn(
          "Inbox delivery of {} failed ({}): {}; retrying with back-off",
          entry.eventId(),
          failure.kind(),
          failure.getMessage());
    } else {
      log.debug("Inbox delivery attempt {} failed; next in {}", consecutive, pause);
    }
    pause(pause);
    return consecutive;
  }

  /**
   * Deletes dead letters older than {@code dead-letter-retention}, at most once per {@link
   * #PURGE_INTERVAL}; runs on the drainer's thread whenever the inbox is empty.
   *
   * @return how many were deleted
   */
  int purgeExpiredDeadLetters() {
    Instant now = clock.instant();
    if (now.isBefore(nextPurge)) {
      return 0;
    }
    nextPurge = now.plus(PURGE_INTERVAL);
    try {
      int purged = store.purgeDead(now.minus(properties.deadLetterRetention()));
      if (purged > 0) {
        log.info(
            "Deleted {} dead letter(s) older than {} (dead-letter-retention)",
            purged,
            properties.deadLetterRetention());
      }
      return purged;
    } catch (RuntimeException e) {
      log.warn("Cannot delete expired dead letters from {}", store.path(), e);
      return 0;
    }
  }

  /** {@code initial-backoff × 2^(failures-1)}, at most {@code max-backoff}. */
  Duration backoff(int failures) {
    Duration max = properties.maxBackoff();
    Duration pause = properties.initialBackoff();
    for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(max) > 0 ? max : pause;
  }

  private void idle() {
    synchronized (monitor) {
      try {
        if (!nudged && running) {
          monitor.wait(IDLE_CHECK.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      nudged = false;
    }
  }

  private void pause(Duration pause) {
    long deadline = System.nanoTime() + pause.toNanos();
    synchronized (monitor) {
      try {
        for (long left = pause.toNanos();
            running && left > 0;
            left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(monitor, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
