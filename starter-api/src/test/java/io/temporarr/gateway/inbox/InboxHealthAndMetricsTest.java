package io.temporarr.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporarr.gateway.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class InboxHealthAndMetricsTest {
  private static final Duration BACKLOG_AGE = Duration.ofMinutes(10);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private InboxStore store;
  private InboxHealthIndicator health;

  @BeforeEach
  void open() {
    store = InboxStore.open(dir.resolve("inbox.db"), clock);
    health = new InboxHealthIndicator(store, BACKLOG_AGE, clock);
    new InboxMetrics(store, clock).bindTo(registry);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anEmptyWritableInboxIsUpWithZeroDepth() {
    Health inbox = health.health();

    assertThat(inbox.getStatus()).isEqualTo(Status.UP);
    assertThat(inbox.getDetails())
        .containsEntry("depth", 0L)
        .containsEntry("oldestAgeSeconds", 0L)
        .containsEntry("backlogAgeSeconds", 600L)
        .containsEntry("dead", 0L);
    assertThat(gauge(InboxMetrics.DEPTH)).isZero();
    assertThat(gauge(InboxMetrics.OLDEST_AGE)).isZero();
  }

  @Test
  void waitingEntriesShowInDepthAndOldestAge() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    clock.advance(Duration.ofSeconds(30));
    store.enqueue(InboxKind.START, "media-request:seerr:2", "e2", "{}");
    clock.advance(Duration.ofSeconds(15));

    Health inbox = health.health();

    assertThat(inbox.getStatus()).isEqualTo(Status.UP);
    assertThat(inbox.getDetails())
        .containsEntry("depth", 2L)
        .containsEntry("oldestAgeSeconds", 45L);
    assertThat(gauge(InboxMetrics.DEPTH)).isEqualTo(2);
    assertThat(gauge(InboxMetrics.OLDEST_AGE)).isEqualTo(45);
  }

  @Test
  void anEntryOlderThanTheBacklogAgeMakesTheInboxBacklogged() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    clock.advance(BACKLOG_AGE.plusSeconds(1));

    Health inbox = health.health();

    assertThat(inbox.getStatus()).isEqualTo(InboxHealthIndicator.BACKLOGGED);
    assertThat(inbox.getDetails()).containsEntry("oldestAgeSeconds", 601L);
  }

  @Test
  void anInboxThatCannotBeWrittenIsDown() {
    InboxStore broken = mock(InboxStore.class);
    doThrow(new InboxStore.InboxException("cannot write the inbox", null))
        .when(broken)
        .probeWrite();

    Health inbox = new InboxHealthIndicator(broken, BACKLOG_AGE, clock).health();

    assertThat(inbox.getStatus()).isEqualTo(Status.DOWN);
    assertThat(inbox.getDetails().get("error").toString()).contains("cannot write the inbox");
  }

  @Test
  void aClosedInboxIsDownAndItsGaugesAreNotANumber() {
    store.close();

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(gauge(InboxMetrics.DEPTH)).isNaN();
    assertThat(gauge(InboxMetrics.OLDEST_AGE)).isNaN();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
