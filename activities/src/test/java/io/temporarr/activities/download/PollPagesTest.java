package io.temporarr.activities.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.List;
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
}
