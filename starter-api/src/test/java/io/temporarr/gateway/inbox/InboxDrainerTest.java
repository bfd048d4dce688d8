package io.temporarr.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporarr.gateway.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InboxDrainerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final InboxProperties FAST =
      new InboxProperties(
          Path.of("unused"),
          Duration.ofMillis(5),
          Duration.ofMillis(40),
          3,
          Duration.ofMinutes(10),
          Duration.ofDays(30),
          Duration.ofSeconds(30));

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeTemporal temporal = new FakeTemporal();
  private InboxStore store;
  private InboxDrainer drainer;

  @BeforeEach
  void openInbox() {
    store = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (drainer != null) {
      drainer.stop();
    }
    store.close();
  }

  @Test
  void entriesWaitWhileTemporalIsDownAndArriveInOrderWhenItIsBack() {
    temporal.down = true;
    enqueue("e1", "e2", "e3");
    startDrainer(FAST);

    await().atMost(PATIENCE).until(() -> temporal.attempts.get() >= 5);
    assertThat(temporal.delivered).isEmpty();
    assertThat(store.depth()).isEqualTo(3);
    assertThat(store.head().orElseThrow().attempts()).isGreaterThanOrEqualTo(4);
    assertThat(store.head().orElseThrow().lastError()).isEqualTo("UNAVAILABLE: connection refused");

    temporal.down = false;

    await().atMost(PATIENCE).until(store::isEmpty);
    assertThat(temporal.delivered).containsExactly("e1", "e2", "e3");
    assertThat(counter(InboxMetrics.DELIVERED)).isEqualTo(3);
    assertThat(counter(InboxMetrics.DEAD)).isZero();
    assertThat(store.deadCount()).isZero();
  }

  @Test
  void unreachabilityIsNeverGivenUpWhateverTheAttempts() {
    temporal.down = true;
    enqueue("e1");
    startDrainer(FAST);

    await().atMost(PATIENCE).until(() -> temporal.attempts.get() > FAST.maxAttempts() * 3);
    temporal.down = false;

    await().atMost(PATIENCE).until(store::isEmpty);
    assertThat(temporal.delivered).containsExactly("e1");
    assertThat(store.deadCount()).isZero();
  }

  @Test
  void aRejectedEntryBecomesADeadLetterAtOnceAndTheNextOneIsDelivered() {
    temporal.rejected.add("bad");
    enqueue("bad", "good");
    startDrainer(FAST);

    await().atMost(PATIENCE).until(store::isEmpty);
    assertThat(temporal.delivered).containsExactly("good");
    assertThat(store.dead(10))
        .singleElement()
        .satisfies(
            dead -> {
              assertThat(dead.eventId()).isEqualTo("bad");
              assertThat(dead.attempts()).isEqualTo(1);
              assertThat(dead.lastError())
                  .isEqualTo("INVALID_ARGUMENT: search attribute not defined");
            });
    assertThat(counter(InboxMetrics.DEAD)).isEqualTo(1);
    assertThat(counter(InboxMetrics.DELIVERED)).isEqualTo(1);
  }

  @Test
  void anEntryThatKeepsFailingOtherwiseIsADeadLetterAfterMaxAttempts() {
    temporal.failing.add("flaky");
    enqueue("flaky", "next");
    startDrainer(FAST);

    await().atMost(PATIENCE).until(store::isEmpty);
    assertThat(store.dead(10).get(0).attempts()).isEqualTo(FAST.maxAttempts());
    assertThat(store.dead(10).get(0).lastError()).isEqualTo("INTERNAL: boom");
    assertThat(temporal.delivered).containsExactly("next");
  }

  @Test
  void anUnexpectedExceptionCountsAsAnUnclassifiedFailure() {
    temporal.throwing.add("odd");
    enqueue("odd");
    startDrainer(FAST);

    await().atMost(PATIENCE).until(store::isEmpty);
    assertThat(store.dead(10).get(0).lastError()).isEqualTo("IllegalStateException");
    assertThat(store.dead(10).get(0).attempts()).isEqualTo(FAST.maxAttempts());
  }

  @Test
  void aNewEntryWakesAnIdleDrainerAtOnce() {
    startDrainer(FAST);
    await().atMost(PATIENCE).until(drainer::isRunning);

    enqueue("e1");

    // Well under the idle check of 5 s: the enqueue itself woke the drainer.
    await().atMost(Duration.ofSeconds(2)).until(store::isEmpty);
    assertThat(temporal.delivered).containsExactly("e1");
    assertThat(counter(InboxMetrics.QUEUED)).isEqualTo(1);
  }

  @Test
  void stoppingEndsTheThreadAndKeepsWaitingEntries() {
    temporal.down = true;
    enqueue("e1");
    startDrainer(FAST);
    await().atMost(PATIENCE).until(() -> temporal.attempts.get() >= 1);

    drainer.stop();
    int attemptsAtStop = temporal.attempts.get();

    assertThat(drainer.isRunning()).isFalse();
    assertThat(drainer.threadAlive()).isFalse();
    assertThat(store.depth()).isEqualTo(1);
    assertThat(temporal.attempts.get()).isEqualTo(attemptsAtStop);
  }

  @Test
  void theDrainerDeletesDeadLettersOlderThanTheRetention() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    store.close();
    store = InboxStore.open(dir.resolve("retention.db"), clock);
    store.enqueue(InboxKind.START, "media-request:seerr:1", "old", "{}");
    store.dead(store.head().orElseThrow().sequence(), "rejected");
    clock.advance(Duration.ofDays(20));
    store.enqueue(InboxKind.START, "media-request:seerr:2", "young", "{}");
    store.dead(store.head().orElseThrow().sequence(), "rejected");
    clock.advance(Duration.ofDays(15));
    drainer = new InboxDrainer(store, temporal, FAST, registry, clock);

    assertThat(drainer.purgeExpiredDeadLetters()).isEqualTo(1);

    assertThat(store.dead(10)).extracting(InboxEntry::eventId).containsExactly("young");
    // At most once per interval: a look a minute later does nothing, one a month later does.
    clock.advance(Duration.ofMinutes(1));
    assertThat(drainer.purgeExpiredDeadLetters()).isZero();
    clock.advance(Duration.ofDays(30));
    assertThat(drainer.purgeExpiredDeadLetters()).isEqualTo(1);
    assertThat(store.deadCount()).isZero();
  }

  @Test
  void backOffDoublesFromTheInitialPauseUpToTheMaximum() {
    InboxProperties defaults =
        new InboxProperties(
            Path.of("unused"),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            10,
            Duration.ZERO,
            Duration.ofDays(30),
            Duration.ofSeconds(30));
    drainer = new InboxDrainer(store, temporal, defaults, registry);

    assertThat(List.of(1, 2, 3, 6, 7, 100).stream().map(drainer::backoff))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(32),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
    assertThat(drainer.getPhase()).isLessThan(Integer.MAX_VALUE - 1024);
  }

  private void startDrainer(InboxProperties properties) {
    drainer = new InboxDrainer(store, temporal, properties, registry);
    drainer.start();
    drainer.start();
  }

  private void enqueue(String... eventIds) {
    for (String eventId : eventIds) {
      store.enqueue(InboxKind.START, "media-request:seerr:" + eventId, eventId, "{}");
    }
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  /** Temporal as the drainer sees it: down, up, or refusing particular entries. */
  private static final class FakeTemporal implements InboxDelivery {
    volatile boolean down;
    final Set<String> rejected = new java.util.concurrent.CopyOnWriteArraySet<>();
    final Set<String> failing = new java.util.concurrent.CopyOnWriteArraySet<>();
    final Set<String> throwing = new java.util.concurrent.CopyOnWriteArraySet<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public void deliver(InboxEntry entry) throws DeliveryFailure {
      attempts.incrementAndGet();
      if (down) {
        throw DeliveryFailure.unreachable("UNAVAILABLE: connection refused", null);
      }
      if (rejected.contains(entry.eventId())) {
        throw DeliveryFailure.rejected("INVALID_ARGUMENT: search attribute not defined", null);
      }
      if (failing.contains(entry.eventId())) {
        throw DeliveryFailure.failed("INTERNAL: boom", null);
      }
      if (throwing.contains(entry.eventId())) {
        throw new IllegalStateException("unexpected");
      }
      delivered.add(entry.eventId());
    }
  }
}
