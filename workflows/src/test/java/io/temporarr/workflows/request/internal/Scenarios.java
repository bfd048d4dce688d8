package io.temporarr.workflows.request.internal;

import static io.temporarr.workflows.request.internal.RequestTestEnv.movie;
import static io.temporarr.workflows.request.internal.RequestTestEnv.movieId;
import static io.temporarr.workflows.request.internal.RequestTestEnv.release;
import static io.temporarr.workflows.request.internal.RequestTestEnv.status;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchResult;
import java.util.List;

/**
 * Scenarios shared by the behaviour tests and {@link HistoryGenerator} (whose recorded histories
 * {@code ReplayTest} replays): each sets up the mocks, runs a request to its end and returns it.
 */
final class Scenarios {
  static final Release DUNE_A = release("Dune.2021.1080p.BluRay.x265-A", "a".repeat(40));
  static final Release DUNE_B = release("Dune.2021.1080p.WEB-DL.x264-B", "b".repeat(40));
  static final Release DUNE_C = release("Dune.2021.2160p.WEB-DL.x265-C", "c".repeat(40));
  static final Release SEVERANCE_S1 = release("Severance.S01.1080p.WEB-DL", "d".repeat(40));
  static final Release SEVERANCE_S2 = release("Severance.S02.1080p.WEB-DL", "e".repeat(40));

  static final String TV_ID = movieId("tv-7");

  private Scenarios() {}

  /** Found, downloaded (the client reports it complete), verified, imported, notified. */
  static MediaRequestWorkflow movieHappyPath(RequestTestEnv t, String requestId) {
    String workflowId = movieId(requestId);
    when(t.search.search(any()))
        .thenReturn(
            new SearchResult(List.of(DUNE_A), List.of(new Rejection("Dune.CAM", "forbidden"))));
    t.givenDownloadCompletes(DUNE_A, workflowId);
    MediaRequestWorkflow request = t.start(movie(requestId), workflowId);
    RequestTestEnv.result(request);
    return request;
  }

  /** The happy path of a request started as the gateway starts one: attributes set at start. */
  static MediaRequestWorkflow movieHappyPathWithAttributes(RequestTestEnv t, String requestId) {
    String workflowId = movieId(requestId);
    when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
    t.givenDownloadCompletes(DUNE_A, workflowId);
    MediaRequestWorkflow request = t.startWithAttributes(movie(requestId), workflowId);
    RequestTestEnv.result(request);
    return request;
  }

  /** The first release never moves: blocklisted and removed; the second one completes. */
  static MediaRequestWorkflow stalledThenNextRelease(RequestTestEnv t, String requestId) {
    String workflowId = movieId(requestId);
    when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
    t.givenAdded(DUNE_A);
    when(t.downloads.downloadStatus(eq(RequestTestEnv.handle(DUNE_A))))
        .thenReturn(status(DUNE_A, workflowId, DownloadState.STALLED, 0.0));
    t.givenDownloadCompletes(DUNE_B, workflowId);
    MediaRequestWorkflow request = t.start(movie(requestId), workflowId);
    RequestTestEnv.result(request);
    return request;
  }

  /**
   * The client reports the first release {@code held} at {@code progress} for its first two checks
   * (queued, paused, or post-processing at 1.0), then complete; the second release would complete
   * too.
   */
  static MediaRequestWorkflow heldThenCompleted(
      RequestTestEnv t, String requestId, DownloadState held, double progress) {
    String workflowId = movieId(requestId);
    when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
    t.givenAdded(DUNE_A);
    DownloadStatus waiting = status(DUNE_A, workflowId, held, progress);
    when(t.downloads.downloadStatus(eq(RequestTestEnv.handle(DUNE_A))))
        .thenReturn(waiting, waiting, status(DUNE_A, workflowId, DownloadState.COMPLETED, 1.0));
    t.givenVerifies(DUNE_A);
    t.givenDownloadCompletes(DUNE_B, workflowId);
    MediaRequestWorkflow request = t.start(movie(requestId), workflowId);
    RequestTestEnv.result(request);
    return request;
  }

  /**
   * The monitor reports {@code reportedWhileAdding} before addDownload returns (the mocked activity
   * signals them first); the client reports the release complete. Not awaited.
   */
  static MediaRequestWorkflow earlyProgress(
      RequestTestEnv t, String requestId, List<DownloadStatus> reportedWhileAdding) {
    String workflowId = movieId(requestId);
    when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
    MediaRequestWorkflow monitor = t.client.newWorkflowStub(MediaRequestWorkflow.class, workflowId);
    when(t.downloads.addDownload(any()))
        .thenAnswer(
            call -> {
              reportedWhileAdding.forEach(monitor::downloadProgress);
              return RequestTestEnv.handle(DUNE_A);
            });
    when(t.downloads.downloadStatus(eq(RequestTestEnv.handle(DUNE_A))))
        .thenReturn(status(DUNE_A, workflowId, DownloadState.COMPLETED, 1.0));
    t.givenVerifies(DUNE_A);
    return t.start(movie(requestId), workflowId);
  }

  /** A TV request for two seasons: two children, then the parent marks both available. */
  static MediaRequestWorkflow tvTwoSeasons(RequestTestEnv t) {
    when(t.search.search(argThat(q -> q != null && Integer.valueOf(1).equals(q.season()))))
        .thenReturn(new SearchResult(List.of(SEVERANCE_S1), List.of()));
    when(t.search.search(argThat(q -> q != null && Integer.valueOf(2).equals(q.season()))))
        .thenReturn(new SearchResult(List.of(SEVERANCE_S2), List.of()));
    t.givenDownloadCompletes(SEVERANCE_S1, WorkflowIds.season(TV_ID, 1));
    t.givenDownloadCompletes(SEVERANCE_S2, WorkflowIds.season(TV_ID, 2));
    MediaRequestWorkflow request = t.start(tv(), TV_ID);
    RequestTestEnv.result(request);
    return request;
  }

  static MediaRequestInput tv() {
    return MediaRequestInput.tv("seerr", "tv-7", "Severance", 2022, 95396, 371980, List.of(2, 1))
        .withRequester(null, "corr-tv-7", "evt-start-tv-7");
  }
}
