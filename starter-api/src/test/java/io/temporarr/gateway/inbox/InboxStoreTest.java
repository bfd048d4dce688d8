package io.temporarr.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InboxStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(T0);
  private Path file;
  private InboxStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("nested/folder/inbox.db");
    store = InboxStore.open(file, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void entriesComeBackOldestFirstWithEverythingThatWasStored() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "seerr:1:MEDIA_APPROVED", "{\"a\":1}");
    clock.advance(Duration.ofSeconds(5));
    store.enqueue(
        InboxKind.SIGNAL_DOWNLOAD_FINISHED, "media-request:seerr:2", "qbt:h:finished", "{}");
    store.enqueue(InboxKind.CANCEL, "media-request:seerr:1", "seerr:1:MEDIA_DECLINED", "{}");

    List<InboxEntry> waiting = store.waiting(10);

    assertThat(waiting)
        .extracting(InboxEntry::eventId)
        .containsExactly("seerr:1:MEDIA_APPROVED", "qbt:h:finished", "seerr:1:MEDIA_DECLINED");
    assertThat(waiting)
        .extracting(InboxEntry::kind)
        .containsExactly(InboxKind.START, InboxKind.SIGNAL_DOWNLOAD_FINISHED, InboxKind.CANCEL);
    assertThat(waiting.get(0).sequence()).isLessThan(waiting.get(1).sequence());
    assertThat(waiting.get(1).sequence()).isLessThan(waiting.get(2).sequence());
    InboxEntry first = waiting.get(0);
    assertThat(first.workflowId()).isEqualTo("media-request:seerr:1");
    assertThat(first.payload()).isEqualTo("{\"a\":1}");
    assertThat(first.enqueuedAt()).isEqualTo(T0);
    assertThat(first.attempts()).isZero();
    assertThat(first.lastError()).isNull();
    assertThat(store.head()).contains(first);
    assertThat(store.depth()).isEqualTo(3);
    assertThat(store.oldestEnqueuedAt()).contains(T0);
    assertThat(store.isEmpty()).isFalse();
  }

  @Test
  void aRepeatedEventIdIsStoredOnceAndAnnouncedOnce() {
    AtomicInteger announced = new AtomicInteger();
    store.onEnqueue(announced::incrementAndGet);

    boolean first =
        store.enqueue(InboxKind.START, "media-request:seerr:1", "seerr:1:A", "{\"n\":1}");
    boolean again =
        store.enqueue(InboxKind.START, "media-request:seerr:1", "seerr:1:A", "{\"n\":2}");

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(store.depth()).isEqualTo(1);
    assertThat(store.head().orElseThrow().payload()).isEqualTo("{\"n\":1}");
    assertThat(announced).hasValue(1);
  }

  @Test
  void entriesAndTheirOrderSurviveClosingAndReopening() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    store.enqueue(InboxKind.START, "media-request:seerr:2", "e2", "{}");
    store.failed(store.head().orElseThrow().sequence(), "UNAVAILABLE: io exception");
    store.close();

    store = InboxStore.open(file, clock);

    List<InboxEntry> waiting = store.waiting(10);
    assertThat(waiting).extracting(InboxEntry::eventId).containsExactly("e1", "e2");
    assertThat(waiting.get(0).attempts()).isEqualTo(1);
    assertThat(waiting.get(0).lastError()).isEqualTo("UNAVAILABLE: io exception");
  }

  @Test
  void sequenceKeepsGrowingAfterTheInboxWasEmptied() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    long first = store.head().orElseThrow().sequence();
    store.delivered(first);
    assertThat(store.isEmpty()).isTrue();
    store.close();
    store = InboxStore.open(file, clock);

    store.enqueue(InboxKind.START, "media-request:seerr:2", "e2", "{}");

    assertThat(store.head().orElseThrow().sequence()).isGreaterThan(first);
  }

  @Test
  void aDeliveredEventCanBeQueuedAgain() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    store.delivered(store.head().orElseThrow().sequence());

    assertThat(store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}")).isTrue();
  }

  @Test
  void aDeadLetterLeavesTheQueueWithItsAttemptsAndReason() {
    store.enqueue(InboxKind.SIGNAL_DOWNLOAD_FINISHED, "media-request:seerr:1", "e1", "{}");
    store.enqueue(InboxKind.START, "media-request:seerr:2", "e2", "{}");
    long sequence = store.head().orElseThrow().sequence();
    store.failed(sequence, "INTERNAL");
    clock.advance(Duration.ofMinutes(1));

    store.dead(sequence, "NOT_FOUND: workflow not found");

    assertThat(store.waiting(10)).extracting(InboxEntry::eventId).containsExactly("e2");
    assertThat(store.deadCount()).isEqualTo(1);
    InboxEntry dead = store.dead(10).get(0);
    assertThat(dead.eventId()).isEqualTo("e1");
    assertThat(dead.sequence()).isEqualTo(sequence);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastError()).isEqualTo("NOT_FOUND: workflow not found");
    // The event ID is free again: a new delivery of it is queued, not swallowed.
    assertThat(
            store.enqueue(InboxKind.SIGNAL_DOWNLOAD_FINISHED, "media-request:seerr:1", "e1", "{}"))
        .isTrue();
  }

  @Test
  void longErrorsAreCut() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");

    store.failed(store.head().orElseThrow().sequence(), "x".repeat(5000));

    assertThat(store.head().orElseThrow().lastError()).hasSize(501).endsWith("…");
  }

  @Test
  void everyCommitIsFsyncedToTheWriteAheadLog() throws Exception {
    store.close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      mode.next();
      assertThat(mode.getString(1)).isEqualTo("wal");
    }
    store = InboxStore.open(file, clock);
    // synchronous is per connection: 2 = FULL, the WAL is fsynced at every commit.
    assertThat(store.pragma("synchronous")).isEqualTo("2");
    assertThat(store.pragma("journal_mode")).isEqualTo("wal");
    assertThat(store.pragma("locking_mode")).isEqualTo("exclusive");
  }

  @Test
  void aSecondGatewayCannotOpenAnInboxInUse() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");

    assertThatThrownBy(() -> InboxStore.open(file, clock))
        .isInstanceOf(InboxStore.InboxException.class)
        .hasMessageContaining("cannot open the inbox");
  }

  @Test
  void anInboxOfANewerSchemaIsRefused() throws Exception {
    store.close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + (InboxStore.SCHEMA_VERSION + 1));
    }

    assertThatThrownBy(() -> InboxStore.open(file, clock))
        .isInstanceOf(InboxStore.InboxException.class)
        .hasMessageContaining("newer gateway");
    store = InboxStore.open(dir.resolve("other.db"), clock);
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndAFreshInboxOpened() throws Exception {
    store.close();
    Files.writeString(file, "not an SQLite file: overwritten by a bad restore\n".repeat(200));

    store = InboxStore.open(file, clock);

    assertThat(store.corruptFilesMovedAside()).isEqualTo(1);
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    new InboxMetrics(store, clock).bindTo(registry);
    assertThat(registry.get(InboxMetrics.CORRUPT).functionCounter().count()).isEqualTo(1);
    Path aside = store.movedAside().get(0);
    assertThat(aside.getFileName().toString())
        .isEqualTo("inbox.db" + InboxStore.CORRUPT_SUFFIX + T0.toEpochMilli());
    assertThat(Files.readString(aside)).startsWith("not an SQLite file");
    assertThat(store.isEmpty()).isTrue();
    assertThat(store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}")).isTrue();
    assertThat(store.waiting(10)).extracting(InboxEntry::eventId).containsExactly("e1");
  }

  @Test
  void aDamagedPageIsFoundOnOpenAndTheFileMovedAside() throws Exception {
    for (int i = 0; i < 300; i++) {
      store.enqueue(InboxKind.START, "media-request:seerr:" + i, "e" + i, "x".repeat(1000));
    }
    store.close();
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      byte[] garbage = new byte[4096 * 4];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      channel.write(java.nio.ByteBuffer.wrap(garbage), 4096L * 3);
    }

    store = InboxStore.open(file, clock);

    assertThat(store.corruptFilesMovedAside()).isEqualTo(1);
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void aSoundFileIsNotMovedAside() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{}");
    store.close();

    store = InboxStore.open(file, clock);

    assertThat(store.corruptFilesMovedAside()).isZero();
    assertThat(store.movedAside()).isEmpty();
    assertThat(store.depth()).isEqualTo(1);
  }

  @Test
  void deadLettersOlderThanTheCutoffAreDeleted() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "old", "{}");
    store.dead(store.head().orElseThrow().sequence(), "rejected");
    clock.advance(Duration.ofDays(10));
    store.enqueue(InboxKind.START, "media-request:seerr:2", "young", "{}");
    store.dead(store.head().orElseThrow().sequence(), "rejected");

    assertThat(store.purgeDead(T0.plus(Duration.ofDays(5)))).isEqualTo(1);
    assertThat(store.dead(10)).extracting(InboxEntry::eventId).containsExactly("young");
  }

  @Test
  void aPathThatCannotBeAFolderFailsClearly() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");

    assertThatThrownBy(() -> InboxStore.open(blocker.resolve("inbox.db"), clock))
        .isInstanceOf(InboxStore.InboxException.class)
        .hasMessageContaining("cannot create the folder");
  }

  @Test
  void aClosedInboxFailsEveryCallWithAnInboxException() {
    store.close();

    assertThatThrownBy(() -> store.enqueue(InboxKind.START, "w", "e", "{}"))
        .isInstanceOf(InboxStore.InboxException.class);
    assertThatThrownBy(store::probeWrite).isInstanceOf(InboxStore.InboxException.class);
    assertThatThrownBy(store::head).isInstanceOf(InboxStore.InboxException.class);
    assertThatThrownBy(store::depth).isInstanceOf(InboxStore.InboxException.class);
    assertThatThrownBy(() -> store.failed(1, "x")).isInstanceOf(InboxStore.InboxException.class);
    assertThatThrownBy(() -> store.dead(1, "x")).isInstanceOf(InboxStore.InboxException.class);
  }

  @Test
  void entryToStringLeavesThePayloadOut() {
    store.enqueue(InboxKind.START, "media-request:seerr:1", "e1", "{\"requestedBy\":\"alice\"}");

    assertThat(store.head().orElseThrow().toString())
        .contains("e1", "start", "media-request:seerr:1")
        .doesNotContain("alice");
  }
}
