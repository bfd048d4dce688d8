package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.temporarr.gateway.Answer;
import io.temporarr.gateway.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecentDeliveriesTest {
  private static final Duration RETENTION = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
  private final AtomicInteger handled = new AtomicInteger();
  private final ExecutorService senders = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void aReplayGetsTheFirstAnswerWithoutRunningAgain() {
    RecentDeliveries recent = new RecentDeliveries(100, RETENTION, clock);

    Answer first = recent.answerOnce("msg_1", this::handle);
    clock.advance(RETENTION.minusSeconds(1));
    Answer replay = recent.answerOnce("msg_1", this::handle);

    assertThat(replay).isSameAs(first);
    assertThat(handled).hasValue(1);
  }

  @Test
  void anIdIsForgottenAfterTheRetention() {
    RecentDeliveries recent = new RecentDeliveries(100, RETENTION, clock);
    recent.answerOnce("msg_1", this::handle);

    clock.advance(RETENTION.plusSeconds(1));
    recent.answerOnce("msg_2", this::handle);

    assertThat(recent.size()).isEqualTo(1);
    recent.answerOnce("msg_1", this::handle);
    assertThat(handled).hasValue(3);
  }

  @Test
  void theEldestIdIsForgottenBeyondTheCapacity() {
    RecentDeliveries recent = new RecentDeliveries(2, RETENTION, clock);
    recent.answerOnce("msg_1", this::handle);
    recent.answerOnce("msg_2", this::handle);
    recent.answerOnce("msg_3", this::handle);

    assertThat(recent.size()).isEqualTo(2);
    recent.answerOnce("msg_3", this::handle);
    assertThat(handled).hasValue(3);
    recent.answerOnce("msg_1", this::handle);
    assertThat(handled).hasValue(4);
  }

  @Test
  void aFailedDeliveryIsForgottenSoItsRetryRuns() {
    RecentDeliveries recent = new RecentDeliveries(100, RETENTION, clock);

    assertThatThrownBy(
            () ->
                recent.answerOnce(
                    "msg_1",
                    () -> {
                      throw new IllegalStateException("Temporal unavailable");
                    }))
        .hasMessage("Temporal unavailable");
    Answer retried = recent.answerOnce("msg_1", this::handle);

    assertThat(retried.workflowId()).isEqualTo("media-request:events:1");
    assertThat(handled).hasValue(1);
  }

  @Test
  void concurrentDeliveriesOfOneIdRunOnceAndShareTheAnswer() throws Exception {
    RecentDeliveries recent = new RecentDeliveries(100, RETENTION, clock);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger arrived = new AtomicInteger();
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(
          senders.submit(
              () -> {
                go.await();
                arrived.incrementAndGet();
                return recent.answerOnce(
                    "msg_1",
                    () -> {
                      try {
                        // Holds the first delivery open so the others arrive while it runs.
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return handle();
                    });
              }));
    }
    go.countDown();
    await().atMost(Duration.ofSeconds(10)).untilAtomic(arrived, equalTo(8));
    release.countDown();

    List<Answer> results = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      results.add(answer.get(10, TimeUnit.SECONDS));
    }
    assertThat(handled).hasValue(1);
    assertThat(results)
        .hasSize(8)
        .allSatisfy(answer -> assertThat(answer).isSameAs(results.get(0)));
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new RecentDeliveries(0, RETENTION, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Answer handle() {
    return Answer.accepted("media-request:events:" + handled.incrementAndGet());
  }
}
