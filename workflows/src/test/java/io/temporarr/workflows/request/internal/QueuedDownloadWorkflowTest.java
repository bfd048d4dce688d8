package io.temporarr.workflows.request.internal;

import static io.temporarr.workflows.request.internal.RequestTestEnv.STALL;
import static io.temporarr.workflows.request.internal.RequestTestEnv.awaitStatus;
import static io.temporarr.workflows.request.internal.RequestTestEnv.causes;
import static io.temporarr.workflows.request.internal.RequestTestEnv.elapsed;
import static io.temporarr.workflows.request.internal.RequestTestEnv.handle;
import static io.temporarr.workflows.request.internal.RequestTestEnv.movie;
import static io.temporarr.workflows.request.internal.RequestTestEnv.movieId;
import static io.temporarr.workflows.request.internal.RequestTestEnv.result;
import static io.temporarr.workflows.request.internal.RequestTestEnv.searchAttribute;
import static io.temporarr.workflows.request.internal.RequestTestEnv.status;
import static io.temporarr.workflows.request.internal.Scenarios.DUNE_A;
import static io.temporarr.workflows.request.internal.Scenarios.DUNE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stalls are judged only while the client downloads: a download its client holds back (queued,
 * paused) or post-processes is never blocklisted or removed for a stall; the queued timeout bounds
 * the waiting instead, and ends in NeedsAttention with the download kept.
 */
class QueuedDownloadWorkflowTest {

  @ParameterizedTest
  @EnumSource(
      value = DownloadState.class,
      names = {"QUEUED", "PAUSED"})
  void aDownloadHeldBackLongerThanTheStallTimeoutIsKeptAndCompletes(DownloadState held) {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = Scenarios.heldThenCompleted(t, "q1", held, 0.0);

      MediaRequestResult result = result(request);
      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(result.release()).isEqualTo(DUNE_A.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).isEmpty();
      assertThat(status.releaseAttempts()).isEqualTo(1);
      assertThat(causes(status)).doesNotContain(Causes.STALLED).contains(Causes.DOWNLOAD_WAITING);
      assertThat(status.transitions())
          .filteredOn(tr -> tr.cause().equals(Causes.DOWNLOAD_WAITING))
          .singleElement()
          .satisfies(tr -> assertThat(tr.detail()).isEqualTo(held.name() + " in qbittorrent"));
      // Held back for two stall timeouts before the client let it go.
      assertThat(elapsed(status, Causes.DOWNLOAD_COMPLETED)).isGreaterThan(STALL.multipliedBy(2));
      verify(t.downloads, never()).removeDownload(eq(handle(DUNE_A)), anyBoolean());
      assertThat(RequestTestEnv.versionChanges(history(t, request)))
          .contains(DownloadWatch.QUEUED_NOT_STALLED_CHANGE);
    }
  }

  @Test
  void postProcessingWithEveryBytePresentCountsAsProgress() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      // SABnzbd verifying / repairing / unpacking: DOWNLOADING at 1.0, nothing left, not complete.
      MediaRequestWorkflow request =
          Scenarios.heldThenCompleted(t, "q2", DownloadState.DOWNLOADING, 1.0);

      assertThat(result(request).release()).isEqualTo(DUNE_A.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).isEmpty();
      assertThat(causes(status)).doesNotContain(Causes.STALLED, Causes.DOWNLOAD_WAITING);
      verify(t.downloads, never()).removeDownload(eq(handle(DUNE_A)), anyBoolean());
    }
  }

  @Test
  void aDownloadQueuedBeyondTheQueuedTimeoutNeedsAttentionAndIsKept() {
    Duration queuedTimeout = Duration.ofHours(4);
    try (RequestTestEnv t =
        new RequestTestEnv(RequestTestEnv.policy().withQueuedTimeout(queuedTimeout))) {
      String id = movieId("q3");
      givenFirstReleaseReports(t, status(DUNE_A, id, DownloadState.QUEUED, 0.0));
      // Never tried unless the queued download is (wrongly) judged stalled.
      t.givenDownloadCompletes(DUNE_B, id);
      MediaRequestWorkflow request = t.start(movie("q3"), id);

      t.env.sleep(queuedTimeout.plus(STALL.multipliedBy(2)));
      RequestStatus stuck = awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);

      assertThat(stuck.stage()).isEqualTo(RequestStage.DOWNLOAD);
      assertThat(stuck.lastError().type()).isEqualTo(Causes.QUEUED_TOO_LONG);
      assertThat(stuck.lastError().activityType()).isEqualTo(ActivityTypes.DOWNLOAD_STATUS);
      assertThat(stuck.lastError().message()).contains("queued in qbittorrent", "kept");
      assertThat(stuck.download().state()).isEqualTo("QUEUED");
      assertThat(stuck.blocklist()).isEmpty();
      assertThat(stuck.releaseAttempts()).isEqualTo(1);
      // The waiting clock starts at the first check (one stall timeout after the download was
      // added) and the wake-up comes at the queued timeout, not at the next stall check.
      Duration waited = elapsed(stuck, Causes.QUEUED_TOO_LONG);
      assertThat(waited)
          .isBetween(queuedTimeout.plus(STALL), queuedTimeout.plus(STALL).plusMinutes(1));
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE))
          .isEqualTo(RequestState.NEEDS_ATTENTION.keyword());
      verify(t.downloads, never()).removeDownload(any(), anyBoolean());
    }
  }

  @Test
  void aDownloadingDownloadWithFrozenProgressStillStalls() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("q4");
      givenFirstReleaseReports(t, status(DUNE_A, id, DownloadState.DOWNLOADING, 0.4));
      t.givenDownloadCompletes(DUNE_B, id);

      MediaRequestWorkflow request = t.start(movie("q4"), id);

      assertThat(result(request).release()).isEqualTo(DUNE_B.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(status.lastError().type()).isEqualTo(Causes.STALLED);
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
    }
  }

  /** Both releases found; the first one is added and its client always reports {@code status}. */
  private static void givenFirstReleaseReports(RequestTestEnv t, DownloadStatus status) {
    when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
    t.givenAdded(DUNE_A);
    when(t.downloads.downloadStatus(eq(handle(DUNE_A)))).thenReturn(status);
  }

  private static List<io.temporal.api.history.v1.HistoryEvent> history(
      RequestTestEnv t, MediaRequestWorkflow request) {
    String id = io.temporal.client.WorkflowStub.fromTyped(request).getExecution().getWorkflowId();
    return t.client.fetchHistory(id).getEvents();
  }
}
