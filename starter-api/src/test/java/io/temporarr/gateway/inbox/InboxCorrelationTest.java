package io.temporarr.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporarr.workflows.common.CorrelationPropagator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** A queued delivery keeps the correlation ID of the request that was accepted, across restarts. */
@Timeout(30)
class InboxCorrelationTest {
  @TempDir Path dir;

  @Test
  void theCorrelationIdIsStoredWithTheEntryAndSurvivesAReopenAndDeadLettering() {
    Path file = dir.resolve("inbox.db");
    try (InboxStore store = InboxStore.open(file, Clock.systemUTC())) {
      store.enqueue(InboxKind.START, "media-request:seerr:1", "e-1", "{}", "corr-1");
      store.enqueue(InboxKind.START, "media-request:seerr:2", "e-2", "{}");
    }
    try (InboxStore reopened = InboxStore.open(file, Clock.systemUTC())) {
      assertThat(reopened.waiting(10))
          .extracting(InboxEntry::correlationId)
          .containsExactly("corr-1", null);
      long first = reopened.head().orElseThrow().sequence();
      reopened.dead(first, "refused");
      assertThat(reopened.dead(10))
          .singleElement()
          .extracting(InboxEntry::correlationId)
          .isEqualTo("corr-1");
    }
  }

  @Test
  void aFileOfTheFirstSchemaGainsTheColumnAndItsEntriesStillRead() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE inbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
              + " workflow_id TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,"
              + " enqueued_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
              + " last_error TEXT)");
      statement.execute(
          "INSERT INTO inbox (kind, workflow_id, event_id, payload, enqueued_at)"
              + " VALUES ('start', 'media-request:seerr:9', 'e-9', '{}', 0)");
      statement.execute("PRAGMA user_version = 1");
    }

    try (InboxStore store = InboxStore.open(file, Clock.systemUTC())) {
      InboxEntry old = store.head().orElseThrow();
      assertThat(old.eventId()).isEqualTo("e-9");
      assertThat(old.correlationId()).isNull();
      assertThat(store.pragma("user_version"))
          .isEqualTo(Integer.toString(InboxStore.SCHEMA_VERSION));
    }
  }

  @Test
  void theDrainerDeliversWithTheEntrysCorrelationIdInTheMdc() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    try (InboxStore store = InboxStore.open(dir.resolve("drain.db"), Clock.systemUTC())) {
      InboxDrainer drainer =
          new InboxDrainer(
              store,
              entry -> seen.complete(MDC.get(CorrelationPropagator.MDC_KEY)),
              new InboxProperties(
                  dir.resolve("drain.db"),
                  Duration.ofMillis(10),
                  Duration.ofMillis(100),
                  3,
                  Duration.ofMinutes(10),
                  Duration.ofDays(30),
                  Duration.ofSeconds(30)),
              new SimpleMeterRegistry());
      store.enqueue(InboxKind.START, "media-request:seerr:3", "e-3", "{}", "corr-queued-3");
      drainer.start();
      try {
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("corr-queued-3");
      } finally {
        drainer.stop();
      }
    }
  }
}
