package io.temporarr.activities.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PollPagesTest {

  private static final String CLIENT = "client";

  private static DownloadStatus at(String id, double progress) {
    return new DownloadStatus(
        CLIENT,
        id,
        "media-request:seerr:" + id,
        id,
        DownloadState.DOWNLOADING,
        progress,
        100,
        null,
        null,
        "downloading");
  }

  private static PollPages.Listing listing(DownloadStatus... snapshots) {
    List<DownloadStatus> all = List.of(snapshots);
    return new PollPages.Listing(all.stream().map(DownloadStatus::id).toList(), all);
  }

  @Test
  void aWaitingDownloadThatChangesBackToWhatWasHandedOutIsNotHandedOutAgain() {
    PollPages pages = new PollPages(1);
    DownloadChanges first = pages.poll(CLIENT, 0, () -> listing(at("a", 0.1)));
    DownloadChanges second =
        pages.poll(CLIENT, first.cursor(), () -> listing(at("b", 0.1), at("a", 0.2)));
    // "a" waits with 0.2 behind "b", then is back at 0.1, which the monitor has.
    DownloadChanges third =
        pages.poll(CLIENT, second.cursor(), () -> listing(at("b", 0.1), at("a", 0.1)));
    DownloadChanges fourth =
        pages.poll(CLIENT, third.cursor(), () -> listing(at("b", 0.1), at("a", 0.1)));

    assertThat(first.changed()).containsExactly(at("a", 0.1));
    assertThat(second.changed()).containsExactly(at("b", 0.1));
    assertThat(third.changed()).isEmpty();
    assertThat(fourth.changed()).isEmpty();
  }

  @Test
  void aFailedReadKeepsWhatWasHandedOutAndTheCursorToContinueFrom() {
    PollPages pages = new PollPages(1);
    DownloadChanges first = pages.poll(CLIENT, 0, () -> listing(at("a", 0.1), at("b", 0.1)));

    assertThatThrownBy(
            () ->
                pages.poll(
                    CLIENT,
                    first.cursor(),
                    () -> {
                      throw new IllegalStateException("client down");
                    }))
        .hasMessage("client down");
    DownloadChanges second =
        pages.poll(CLIENT, first.cursor(), () -> listing(at("a", 0.1), at("b", 0.1)));

    assertThat(second.fullUpdate()).isFalse();
    assertThat(List.of(first.changed().get(0), second.changed().get(0)))
        .containsExactlyInAnyOrder(at("a", 0.1), at("b", 0.1));
  }

  @Test
  void theFirstSnapshotOfAnIdCountsAndClientsArePagedApart() {
    PollPages pages = new PollPages(5);

    DownloadChanges one = pages.poll(CLIENT, 0, () -> listing(at("a", 0.5), at("a", 0.9)));
    DownloadChanges other = pages.poll("other", one.cursor(), () -> listing(at("a", 0.5)));

    assertThat(one.changed()).containsExactly(at("a", 0.5));
    assertThat(other.fullUpdate()).isTrue();
    assertThat(other.changed()).containsExactly(at("a", 0.5));
  }

  @Test
  void aPageHoldsAtLeastOneSnapshot() {
    assertThat(new PollPages()).isNotNull();
    assertThatThrownBy(() -> new PollPages(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDownloadTwoRequestsShareIsHandedOutOncePerRequest() {
    PollPages pages = new PollPages(1);
    DownloadStatus forA = at("a", 0.1);
    DownloadStatus forB =
        new DownloadStatus(
            CLIENT,
            "a",
            "media-request:radarr:b",
            "a",
            DownloadState.DOWNLOADING,
            0.1,
            100,
            null,
            null,
            "downloading");
    PollPages.Listing shared = new PollPages.Listing(List.of("a"), List.of(forA, forB));

    DownloadChanges first = pages.poll(CLIENT, 0, () -> shared);
    DownloadChanges second = pages.poll(CLIENT, first.cursor(), () -> shared);
    DownloadChanges third = pages.poll(CLIENT, second.cursor(), () -> shared);

    assertThat(List.of(first.changed().get(0), second.changed().get(0)))
        .containsExactlyInAnyOrder(forA, forB);
    assertThat(third.changed()).isEmpty();
  }

  /** A change feed's read: each download changed with its snapshots, in this order. */
  private static PollPages.Changes changes(
      long cursor, boolean full, List<String> removed, DownloadStatus... snapshots) {
    Map<String, List<DownloadStatus>> changed = new LinkedHashMap<>();
    for (DownloadStatus snapshot : snapshots) {
      changed.merge(
          snapshot.id(),
          List.of(snapshot),
          (known, more) -> Stream.concat(known.stream(), more.stream()).toList());
    }
    return new PollPages.Changes(cursor, full, changed, removed);
  }

  /** A feed's full update of "a" and "b", in a page of one. */
  private static DownloadChanges followTwo(PollPages pages) {
    return pages.follow(CLIENT, () -> changes(1, true, List.of(), at("a", 0.1), at("b", 0.1)));
  }

  @Test
  void aFeedsChangeQueuesTheDownloadAgainAtTheEndWithItsLatestSnapshot() {
    PollPages pages = new PollPages(1);
    List<String> ids = List.of("a", "b", "c");
    DownloadChanges first =
        pages.follow(
            CLIENT, () -> changes(7, true, List.of(), at("a", 0.1), at("b", 0.1), at("c", 0.1)));
    // The full update starts at a random one and keeps the feed's order from there.
    int start = ids.indexOf(first.changed().get(0).id());
    String next = ids.get((start + 1) % 3);
    String last = ids.get((start + 2) % 3);
    DownloadChanges second =
        pages.follow(CLIENT, () -> changes(8, false, List.of(), at(next, 0.2)));
    DownloadChanges third = pages.follow(CLIENT, () -> changes(9, false, List.of()));
    DownloadChanges fourth = pages.follow(CLIENT, () -> changes(10, false, List.of()));

    assertThat(first.cursor()).isEqualTo(7);
    assertThat(first.fullUpdate()).isTrue();
    assertThat(second.cursor()).isEqualTo(8);
    assertThat(second.fullUpdate()).isFalse();
    // The one that changed while waiting went behind the other waiting one.
    assertThat(second.changed()).containsExactly(at(last, 0.1));
    assertThat(third.changed()).containsExactly(at(next, 0.2));
    assertThat(fourth.changed()).isEmpty();
  }

  @Test
  void aFeedsRemovalOrFullUpdateDropsWhatWaited() {
    PollPages pages = new PollPages(1);
    followTwo(pages);
    DownloadChanges removal = pages.follow(CLIENT, () -> changes(2, false, List.of("a", "b")));
    pages.follow(CLIENT, () -> changes(3, false, List.of(), at("c", 0.1), at("d", 0.1)));
    DownloadChanges restart = pages.follow(CLIENT, () -> changes(1, true, List.of(), at("e", 0.1)));
    DownloadChanges after = pages.follow(CLIENT, () -> changes(2, false, List.of()));

    assertThat(removal.changed()).isEmpty();
    assertThat(removal.removed()).containsExactly("a", "b");
    assertThat(restart.changed()).containsExactly(at("e", 0.1));
    assertThat(after.changed()).isEmpty();
  }

  @Test
  void aFeedDownloadNoRequestWantsAnyMoreLeavesTheQueue() {
    PollPages pages = new PollPages(1);
    DownloadChanges first = followTwo(pages);
    String waiting = first.changed().get(0).id().equals("a") ? "b" : "a";
    DownloadChanges untagged =
        pages.follow(
            CLIENT, () -> new PollPages.Changes(2, false, Map.of(waiting, List.of()), List.of()));

    assertThat(untagged.changed()).isEmpty();
    assertThat(untagged.removed()).isEmpty();
  }

  @Test
  void aFailedFeedReadKeepsTheQueue() {
    PollPages pages = new PollPages(1);
    DownloadChanges first = followTwo(pages);

    assertThatThrownBy(
            () ->
                pages.follow(
                    CLIENT,
                    () -> {
                      throw new IllegalStateException("client down");
                    }))
        .hasMessage("client down");
    DownloadChanges second = pages.follow(CLIENT, () -> changes(2, false, List.of()));

    assertThat(List.of(first.changed().get(0).id(), second.changed().get(0).id()))
        .containsExactlyInAnyOrder("a", "b");
  }
}
