package io.temporarr.activities.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.client.ActivityCanceledException;
import io.temporarr.activities.http.CorrelationInterceptor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

@Timeout(10)
class HeartbeatsTest {

  private static final Duration FAST = Duration.ofMillis(10);

  private final List<Object> beats = new CopyOnWriteArrayList<>();

  /** Work that blocks until its thread is interrupted, and says so. */
  private static Callable<Object> untilInterrupted(CountDownLatch interrupted) {
    return () -> {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return null;
    };
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void beatsWhileTheWorkRunsAndReturnsItsResult() {
    CountDownLatch threeBeats = new CountDownLatch(3);

    String result =
        Heartbeats.whileRunning(
            details -> {
              beats.add(String.valueOf(details));
              threeBeats.countDown();
            },
            FAST,
            () -> threeBeats.await(5, TimeUnit.SECONDS) ? "probed" : "no beats");

    assertThat(result).isEqualTo("probed");
    assertThat(beats).hasSizeGreaterThanOrEqualTo(3).containsOnly("null");
  }

  @Test
  void aWorkThatEndsWithinOnePeriodSendsNoHeartbeat() {
    assertThat(Heartbeats.whileRunning(beats::add, Duration.ofMinutes(1), () -> 42)).isEqualTo(42);
    assertThat(beats).isEmpty();
  }

  /** What {@code whileRunning} throws for {@code work}. */
  private Throwable failureOf(Callable<Object> work) {
    return catchThrowable(() -> Heartbeats.whileRunning(beats::add, FAST, work));
  }

  @Test
  void aFailureOfTheWorkIsRethrownUnchanged() {
    IllegalStateException broken = new IllegalStateException("broken");

    assertThat(
            failureOf(
                () -> {
                  throw broken;
                }))
        .isSameAs(broken);
  }

  @Test
  void aCheckedFailureOfTheWorkIsWrappedForTemporal() {
    assertThat(
            failureOf(
                () -> {
                  throw new IOException("disk gone");
                }))
        .hasRootCauseInstanceOf(IOException.class)
        .hasRootCauseMessage("disk gone");
  }

  @Test
  void anErrorOfTheWorkIsRethrownUnchanged() {
    AssertionError error = new AssertionError("bug");

    assertThat(
            failureOf(
                () -> {
                  throw error;
                }))
        .isSameAs(error);
  }

  @Test
  void aCancelledAttemptInterruptsTheWorkAndPropagates() throws InterruptedException {
    ActivityCanceledException cancelled = new ActivityCanceledException();
    CountDownLatch interrupted = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                Heartbeats.whileRunning(
                    details -> {
                      beats.add("beat");
                      if (beats.size() == 3) {
                        throw cancelled;
                      }
                    },
                    FAST,
                    untilInterrupted(interrupted)))
        .isSameAs(cancelled);
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("work interrupted").isTrue();
  }

  @Test
  void anInterruptedActivityThreadInterruptsTheWork() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread.currentThread().interrupt();

    assertThatThrownBy(
            () -> Heartbeats.whileRunning(beats::add, FAST, untilInterrupted(interrupted)))
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("work interrupted").isTrue();
  }

  @Test
  void theWorkSeesTheCallersCorrelationId() {
    MDC.put(CorrelationInterceptor.MDC_KEY, "req-123");

    String seen =
        Heartbeats.whileRunning(beats::add, FAST, () -> MDC.get(CorrelationInterceptor.MDC_KEY));

    assertThat(seen).isEqualTo("req-123");
  }

  @Test
  void workWithoutAnMdcRuns() {
    MDC.clear();

    assertThat(
            Heartbeats.whileRunning(
                beats::add, FAST, () -> MDC.get(CorrelationInterceptor.MDC_KEY)))
        .isNull();
  }
}
