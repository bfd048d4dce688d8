package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

@Timeout(30)
class TemporalStartupTest {

  @Test
  void retriesAFailingStepUntilItSucceedsThenRunsTheNextInOrder() {
    AtomicInteger attempts = new AtomicInteger();
    List<String> done = new CopyOnWriteArrayList<>();
    TemporalStartup startup =
        new TemporalStartup(
            "Temporal: test",
            List.of(
                new TemporalStartup.Step(
                    "flaky",
                    () -> {
                      if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("UNAVAILABLE: io exception");
                      }
                      done.add("flaky");
                    }),
                new TemporalStartup.Step("second", () -> done.add("second"))),
            Duration.ofMillis(10),
            Duration.ofMillis(20));

    startup.onApplicationEvent(null);

    await().until(() -> startup.ready().isDone());
    assertThat(attempts).hasValue(3);
    assertThat(done).containsExactly("flaky", "second");
    assertThat(startup.waitingFor()).isNull();
    startup.destroy();
  }

  @Test
  void healthIsDownWithTheWaitedForStepUntilStartUpCompletes() {
    AtomicInteger attempts = new AtomicInteger();
    TemporalStartup startup =
        new TemporalStartup(
            "Temporal: test",
            List.of(
                new TemporalStartup.Step(
                    "start workers",
                    () -> {
                      if (attempts.incrementAndGet() < 20) {
                        throw new IllegalStateException("UNAVAILABLE: connection refused");
                      }
                    })),
            Duration.ofMillis(50),
            Duration.ofMillis(50));
    TemporalHealthIndicator health = new TemporalHealthIndicator(startup, "127.0.0.1:7233");

    Health before = health.health();
    assertThat(before.getStatus()).isEqualTo(Status.DOWN);
    assertThat(before.getDetails())
        .containsEntry("target", "127.0.0.1:7233")
        .containsEntry("waitingFor", "start workers");

    startup.onApplicationEvent(null);
    await()
        .untilAsserted(
            () ->
                assertThat(health.health().getDetails())
                    .containsEntry(
                        "lastError", "IllegalStateException: UNAVAILABLE: connection refused"));
    await().until(() -> startup.ready().isDone());
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    startup.destroy();
  }

  @Test
  void shuttingDownStopsWaiting() {
    TemporalStartup startup =
        new TemporalStartup(
            "Temporal: test",
            List.of(
                new TemporalStartup.Step(
                    "never",
                    () -> {
                      throw new IllegalStateException("down");
                    })),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    startup.onApplicationEvent(null);
    await().until(() -> startup.lastError() != null);

    startup.destroy();

    assertThat(startup.ready()).isNotDone();
  }

  @Test
  void theConnectionLineShowsWhereToLook() {
    assertThat(
            TemporalConfiguration.connectionLine(
                TemporalModeProperties.Mode.EXTERNAL, "localhost:7233", "default"))
        .isEqualTo(
            "Temporal: external server at localhost:7233, namespace default, task queue"
                + " media-requests; Web UI http://localhost:8233");
    assertThat(
            TemporalConfiguration.connectionLine(
                TemporalModeProperties.Mode.EXTERNAL, "temporal.prod:7233", "media"))
        .isEqualTo(
            "Temporal: external server at temporal.prod:7233, namespace media, task queue"
                + " media-requests");
    assertThat(
            TemporalConfiguration.connectionLine(
                TemporalModeProperties.Mode.EMBEDDED, "127.0.0.1:7233", "default"))
        .startsWith("Temporal: embedded test server at 127.0.0.1:7233, namespace default")
        .contains("temporal workflow describe --address 127.0.0.1:7233");
  }
}
