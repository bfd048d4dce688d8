package io.temporarr.workflows.request.internal;

import static io.temporarr.workflows.request.RequestStage.DOWNLOAD;
import static io.temporarr.workflows.request.RequestStage.NOTIFY;
import static io.temporarr.workflows.request.RequestStage.PROCESS;
import static io.temporarr.workflows.request.RequestStage.SEARCH;
import static io.temporarr.workflows.request.RequestState.ACTIVE;
import static io.temporarr.workflows.request.RequestState.CANCELLED;
import static io.temporarr.workflows.request.RequestState.COMPLETED;
import static io.temporarr.workflows.request.RequestState.FAILED;
import static io.temporarr.workflows.request.RequestState.NEEDS_ATTENTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestLifecycleTest {
  private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
  private final List<Transition> changes = new ArrayList<>();

  private RequestLifecycle fresh(boolean fanOut) {
    return RequestLifecycle.fresh(fanOut, this::tick, changes::add);
  }

  private Instant tick() {
    clock = clock.plus(Duration.ofMinutes(1));
    return clock;
  }

  @Test
  void happyPathWalksEveryStageAndRecordsEachChangeWithWorkflowTime() {
    RequestLifecycle lifecycle = fresh(false);

    lifecycle.begin("movie Dune");
    lifecycle.transition(ACTIVE, DOWNLOAD, "release-found", "A");
    lifecycle.transition(ACTIVE, PROCESS, "download-completed", "A");
    lifecycle.transition(ACTIVE, NOTIFY, "imported", "1 file");
    lifecycle.transition(COMPLETED, NOTIFY, "notified", "A");

    assertThat(lifecycle.state()).isEqualTo(COMPLETED);
    assertThat(lifecycle.isFinal()).isTrue();
    assertThat(lifecycle.transitions())
        .extracting(Transition::cause)
        .containsExactly(
            "request-started", "release-found", "download-completed", "imported", "notified");
    assertThat(lifecycle.transitions().get(0).at()).isEqualTo("2025-01-01T00:01:00Z");
    assertThat(lifecycle.transitions().get(1))
        .isEqualTo(
            new Transition(
                "2025-01-01T00:02:00Z", ACTIVE, SEARCH, ACTIVE, DOWNLOAD, "release-found", "A"));
    assertThat(changes).hasSize(5).last().extracting(Transition::toState).isEqualTo(COMPLETED);
  }

  @Test
  void releaseFaultsMayGoBackToDownloadOrSearch() {
    RequestLifecycle lifecycle = fresh(false);
    lifecycle.transition(ACTIVE, DOWNLOAD, "release-found", null);
    lifecycle.transition(ACTIVE, DOWNLOAD, "stalled", null);
    lifecycle.transition(ACTIVE, PROCESS, "download-completed", null);
    lifecycle.transition(ACTIVE, DOWNLOAD, "CorruptMedia", null);
    lifecycle.transition(ACTIVE, SEARCH, "stalled", null);

    assertThat(lifecycle.stage()).isEqualTo(SEARCH);
    assertThat(lifecycle.allows(ACTIVE, PROCESS)).isFalse();
    assertThat(lifecycle.allows(ACTIVE, NOTIFY)).as("only a TV parent skips to Notify").isFalse();
  }

  @Test
  void needsAttentionKeepsTheStageAndReturnsToItOrOneItMayMoveTo() {
    RequestLifecycle lifecycle = fresh(false);
    lifecycle.transition(ACTIVE, DOWNLOAD, "release-found", null);
    lifecycle.transition(NEEDS_ATTENTION, DOWNLOAD, "Unauthorized", "HTTP 401");

    assertThat(lifecycle.allows(NEEDS_ATTENTION, DOWNLOAD)).isFalse();
    assertThat(lifecycle.allows(ACTIVE, SEARCH)).isTrue();
    assertThat(lifecycle.allows(ACTIVE, DOWNLOAD)).isTrue();
    assertThat(lifecycle.allows(ACTIVE, NOTIFY)).isFalse();
    assertThat(lifecycle.allows(COMPLETED, NOTIFY)).isFalse();
    assertThat(lifecycle.allows(FAILED, SEARCH)).as("Failed keeps the stage").isFalse();
    lifecycle.transition(ACTIVE, DOWNLOAD, "operator-retry", "alice");
    assertThat(lifecycle.state()).isEqualTo(ACTIVE);
  }

  @Test
  void illegalTransitionThrowsAndChangesNothing() {
    RequestLifecycle lifecycle = fresh(false);

    assertThatThrownBy(() -> lifecycle.transition(ACTIVE, PROCESS, "skip", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("illegal transition Active/Search -> Active/Process (skip)");
    assertThatThrownBy(() -> lifecycle.transition(COMPLETED, SEARCH, "done", null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> lifecycle.transition(NEEDS_ATTENTION, DOWNLOAD, "x", null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> lifecycle.transition(null, null, "x", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("null/null");
    assertThat(lifecycle.state()).isEqualTo(ACTIVE);
    assertThat(lifecycle.stage()).isEqualTo(SEARCH);
    assertThat(lifecycle.transitions()).isEmpty();
    assertThat(changes).isEmpty();
  }

  @Test
  void finalStatesAcceptNothing() {
    RequestLifecycle lifecycle = fresh(false);
    lifecycle.transition(CANCELLED, SEARCH, "operator-cancel", "bob");

    for (RequestState state : RequestState.values()) {
      for (RequestStage stage : RequestStage.values()) {
        assertThat(lifecycle.allows(state, stage)).isFalse();
      }
    }
    assertThatThrownBy(() -> lifecycle.transition(FAILED, SEARCH, "late", null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tvParentMovesFromSearchStraightToNotify() {
    RequestLifecycle parent = fresh(true);

    parent.transition(ACTIVE, NOTIFY, "seasons-finished", "S1 Completed");
    parent.transition(FAILED, NOTIFY, "seasons-incomplete", "S2 Failed");

    assertThat(parent.state()).isEqualTo(FAILED);
  }

  @Test
  void auditEntriesRecordWithoutChangingStateOrTellingTheListener() {
    RequestLifecycle lifecycle = fresh(false);
    lifecycle.transition(ACTIVE, DOWNLOAD, "release-found", null);
    changes.clear();

    Transition entry = lifecycle.audit("action-rejected", "RETRY by batch");

    assertThat(entry.fromState()).isEqualTo(ACTIVE);
    assertThat(entry.toStage()).isEqualTo(DOWNLOAD);
    assertThat(lifecycle.transitions()).last().isEqualTo(entry);
    assertThat(changes).isEmpty();
  }

  @Test
  void beginIsOnlyForAFreshRequest() {
    RequestLifecycle lifecycle = fresh(false);
    lifecycle.begin("first");

    assertThatThrownBy(() -> lifecycle.begin("again")).isInstanceOf(IllegalStateException.class);
    assertThat(lifecycle.transitions()).hasSize(1);
    assertThat(lifecycle.transitions().get(0).fromState()).isNull();
  }

  @Test
  void resumeContinuesWhereThePreviousRunStoppedWithItsLog() {
    List<Transition> carried =
        List.of(new Transition("t", null, null, ACTIVE, SEARCH, "request-started", null));

    RequestLifecycle resumed =
        RequestLifecycle.resume(
            NEEDS_ATTENTION, DOWNLOAD, carried, false, this::tick, changes::add);

    assertThat(resumed.state()).isEqualTo(NEEDS_ATTENTION);
    assertThat(resumed.stage()).isEqualTo(DOWNLOAD);
    assertThat(resumed.transitions()).isEqualTo(carried);
    assertThat(changes).isEmpty();
    assertThatThrownBy(
            () -> RequestLifecycle.resume(COMPLETED, NOTIFY, carried, false, this::tick, t -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> RequestLifecycle.resume(null, SEARCH, carried, false, this::tick, t -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void logIsBoundedKeepingTheMostRecentEntries() {
    RequestLifecycle lifecycle = fresh(false);
    IntStream.range(0, RequestLifecycle.MAX_ENTRIES + 10)
        .forEach(i -> lifecycle.audit("entry", Integer.toString(i)));

    assertThat(lifecycle.transitions()).hasSize(RequestLifecycle.MAX_ENTRIES);
    assertThat(lifecycle.transitions().get(0).detail()).isEqualTo("10");
    assertThat(lifecycle.recent(3))
        .extracting(Transition::detail)
        .containsExactly(
            Integer.toString(RequestLifecycle.MAX_ENTRIES + 7),
            Integer.toString(RequestLifecycle.MAX_ENTRIES + 8),
            Integer.toString(RequestLifecycle.MAX_ENTRIES + 9));
  }
}
