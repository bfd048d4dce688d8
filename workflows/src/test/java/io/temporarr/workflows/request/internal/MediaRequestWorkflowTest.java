package io.temporarr.workflows.request.internal;

import static io.temporarr.workflows.request.internal.RequestTestEnv.CLIENT;
import static io.temporarr.workflows.request.internal.RequestTestEnv.STALL;
import static io.temporarr.workflows.request.internal.RequestTestEnv.awaitStatus;
import static io.temporarr.workflows.request.internal.RequestTestEnv.causes;
import static io.temporarr.workflows.request.internal.RequestTestEnv.contentPath;
import static io.temporarr.workflows.request.internal.RequestTestEnv.elapsed;
import static io.temporarr.workflows.request.internal.RequestTestEnv.handle;
import static io.temporarr.workflows.request.internal.RequestTestEnv.movie;
import static io.temporarr.workflows.request.internal.RequestTestEnv.movieId;
import static io.temporarr.workflows.request.internal.RequestTestEnv.policy;
import static io.temporarr.workflows.request.internal.RequestTestEnv.result;
import static io.temporarr.workflows.request.internal.RequestTestEnv.searchAttribute;
import static io.temporarr.workflows.request.internal.RequestTestEnv.status;
import static io.temporarr.workflows.request.internal.RequestTestEnv.versionChanges;
import static io.temporarr.workflows.request.internal.Scenarios.DUNE_A;
import static io.temporarr.workflows.request.internal.Scenarios.DUNE_B;
import static io.temporarr.workflows.request.internal.Scenarios.DUNE_C;
import static io.temporarr.workflows.request.internal.Scenarios.SEVERANCE_S1;
import static io.temporarr.workflows.request.internal.Scenarios.SEVERANCE_S2;
import static io.temporarr.workflows.request.internal.Scenarios.TV_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.library.LibraryRefresh;
import io.temporarr.workflows.library.SourceUpdate;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.VerifyRequest;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.request.SeasonStatus;
import io.temporarr.workflows.request.Transition;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MediaRequestWorkflowTest {

  private static final SearchResult NOTHING = new SearchResult(List.of(), List.of());

  @Test
  void movieHappyPathCompletesWithSearchAttributesTransitionsAndNotifications() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = Scenarios.movieHappyPath(t, "1");
      String id = movieId("1");

      MediaRequestResult result = result(request);
      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(result.workflowId()).isEqualTo(id);
      assertThat(result.release()).isEqualTo(DUNE_A.title());
      assertThat(result.importedFiles()).containsExactly("/library/Dune (2021)/Dune (2021).mkv");

      RequestStatus status = request.status();
      assertThat(status.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(status.stage()).isEqualTo(RequestStage.NOTIFY);
      assertThat(status.releaseAttempts()).isEqualTo(1);
      assertThat(status.chosenRelease().title()).isEqualTo(DUNE_A.title());
      assertThat(status.chosenRelease().downloadUrl()).as("no passkeys in queries").isNull();
      assertThat(status.download().progress()).isEqualTo(1.0);
      assertThat(status.lastError()).isNull();
      assertThat(causes(status))
          .containsExactly(
              Causes.REQUEST_STARTED,
              Causes.RELEASE_FOUND,
              Causes.DOWNLOAD_ADDED,
              Causes.DOWNLOAD_COMPLETED,
              Causes.IMPORTED,
              Causes.DOWNLOAD_RETIRED,
              Causes.NOTIFIED);
      Transition first = status.transitions().get(0);
      assertThat(first.fromState()).isNull();
      assertThat(first.toState()).isEqualTo(RequestState.ACTIVE);
      assertThat(first.toStage()).isEqualTo(RequestStage.SEARCH);
      assertThat(status.transitions())
          .extracting(Transition::toStage)
          .containsSubsequence(
              RequestStage.SEARCH,
              RequestStage.DOWNLOAD,
              RequestStage.PROCESS,
              RequestStage.NOTIFY);
      assertThat(status.transitions()).allSatisfy(tr -> Instant.parse(tr.at()));

      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STAGE)).isEqualTo("Notify");
      assertThat(searchAttribute(request, SearchAttributes.MEDIA_TYPE)).isEqualTo("movie");
      assertThat(searchAttribute(request, SearchAttributes.MEDIA_TITLE)).isEqualTo("Dune");
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_SOURCE)).isEqualTo("seerr");
      assertThat(searchAttribute(request, SearchAttributes.REQUESTED_BY)).isEqualTo("alice");
      assertThat(searchAttribute(request, SearchAttributes.TMDB_ID)).isEqualTo(438631L);

      ArgumentCaptor<SearchQuery> query = ArgumentCaptor.forClass(SearchQuery.class);
      verify(t.search).search(query.capture());
      assertThat(query.getValue())
          .isEqualTo(
              new SearchQuery(
                  id, MediaType.MOVIE, "Dune", 2021, 438631, null, null, null, List.of()));
      verify(t.downloads).addDownload(new AddDownloadRequest(id, CLIENT, DUNE_A));
      verify(t.downloads).retireDownload(handle(DUNE_A));
      verify(t.processing).verifyDownload(new VerifyRequest(id, contentPath(DUNE_A), null));
      verify(t.library).refreshLibrary(new LibraryRefresh(id, "/library/Dune (2021)"));
      verify(t.library).markAvailable(new SourceUpdate("seerr", "1", MediaType.MOVIE, List.of()));
      verify(t.downloads, never()).removeDownload(any(), anyBoolean());

      List<Notification> sent = notifications(t, "ntfy", 2);
      assertThat(sent)
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.COMPLETED);
      assertThat(sent).allSatisfy(n -> assertThat(n.idempotencyKey()).startsWith(id + ":"));
      assertThat(sent).extracting(Notification::idempotencyKey).doesNotHaveDuplicates();
      assertThat(sent).extracting(Notification::correlationId).containsOnly("corr-1");
      assertThat(sent).extracting(Notification::title).containsOnly("Dune (2021)");
    }
  }

  @Test
  void requestStartedWithItsAttributesUpsertsOnlyItsStateChanges() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = Scenarios.movieHappyPathWithAttributes(t, "attrs-1");

      // Started Active/Search with every attribute set: nothing to write until the Download stage,
      // then one upsert per change (Download, Process, Notify, Completed), state and stage only.
      assertThat(t.upserts(movieId("attrs-1")))
          .hasSize(4)
          .allSatisfy(keys -> assertThat(keys).containsExactly("RequestStage", "RequestState"));
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STAGE)).isEqualTo("Notify");
      assertThat(searchAttribute(request, SearchAttributes.MEDIA_TITLE)).isEqualTo("Dune");
      assertThat(searchAttribute(request, SearchAttributes.REQUESTED_BY)).isEqualTo("alice");
      assertThat(searchAttribute(request, SearchAttributes.TMDB_ID)).isEqualTo(438631L);
    }
  }

  @Test
  void requestStartedWithoutAttributesWritesThemAllOnceThenOnlyChanges() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      Scenarios.movieHappyPath(t, "attrs-2");

      List<java.util.Set<String>> upserts = t.upserts(movieId("attrs-2"));
      assertThat(upserts.get(0))
          .containsExactlyInAnyOrder(
              "MediaType",
              "MediaTitle",
              "RequestSource",
              "RequestedBy",
              "TmdbId",
              "RequestState",
              "RequestStage");
      assertThat(upserts.subList(1, upserts.size()))
          .hasSize(4)
          .allSatisfy(keys -> assertThat(keys).containsExactly("RequestStage", "RequestState"));
    }
  }

  @Test
  void tvRequestRunsOneChildPerSeasonAndMarksBothSeasonsAvailable() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = Scenarios.tvTwoSeasons(t);

      MediaRequestResult result = result(request);
      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(result.importedFiles()).hasSize(2);
      RequestStatus status = request.status();
      assertThat(status.seasons())
          .containsExactly(
              new SeasonStatus(1, TV_ID + ":s1", RequestState.COMPLETED),
              new SeasonStatus(2, TV_ID + ":s2", RequestState.COMPLETED));
      assertThat(causes(status))
          .containsExactly(
              Causes.REQUEST_STARTED,
              Causes.SEASONS_STARTED,
              Causes.SEASONS_FINISHED,
              Causes.NOTIFIED);
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
      assertThat(searchAttribute(request, SearchAttributes.MEDIA_TYPE)).isEqualTo("tv");
      assertThat(searchAttribute(request, SearchAttributes.REQUESTED_BY)).isNull();

      for (int season : List.of(1, 2)) {
        MediaRequestWorkflow child =
            t.client.newWorkflowStub(MediaRequestWorkflow.class, WorkflowIds.season(TV_ID, season));
        // The parent starts each season with its attributes: the child only writes changes.
        assertThat(searchAttribute(child, SearchAttributes.MEDIA_TITLE)).isEqualTo("Severance");
        assertThat(t.upserts(WorkflowIds.season(TV_ID, season)))
            .isNotEmpty()
            .allSatisfy(keys -> assertThat(keys).containsExactly("RequestStage", "RequestState"));
        RequestStatus childStatus = child.status();
        assertThat(childStatus.season()).isEqualTo(season);
        assertThat(childStatus.state()).isEqualTo(RequestState.COMPLETED);
        assertThat(searchAttribute(child, SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
      }
      ArgumentCaptor<SearchQuery> queries = ArgumentCaptor.forClass(SearchQuery.class);
      verify(t.search, times(2)).search(queries.capture());
      assertThat(queries.getAllValues())
          .extracting(SearchQuery::season)
          .containsExactlyInAnyOrder(1, 2);
      verify(t.downloads).addDownload(argThat(r -> r.release().equals(SEVERANCE_S1)));
      verify(t.downloads).addDownload(argThat(r -> r.release().equals(SEVERANCE_S2)));
      verify(t.library, times(2)).refreshLibrary(any());
      verify(t.library)
          .markAvailable(new SourceUpdate("seerr", "tv-7", MediaType.TV, List.of(1, 2)));
      verify(t.library, times(1)).markAvailable(any());
      assertThat(notifications(t, "ntfy", 2))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.COMPLETED);
    }
  }

  @Test
  void requestWithoutAcceptableReleaseIsSearchedAgainOnATimerUntilOneIsFound() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("3");
      when(t.search.search(any()))
          .thenReturn(NOTHING)
          .thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);

      MediaRequestWorkflow request = t.start(movie("3"), id);

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      verify(t.search, times(2)).search(any());
      RequestStatus status = request.status();
      assertThat(causes(status)).contains(Causes.WANTED, Causes.RELEASE_FOUND);
      assertThat(elapsed(status, Causes.RELEASE_FOUND))
          .isBetween(Duration.ofHours(1), about(Duration.ofHours(1)));
    }
  }

  @Test
  void stalledTorrentIsBlocklistedAndNextReleaseIsTried() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = Scenarios.stalledThenNextRelease(t, "4");

      MediaRequestResult result = result(request);
      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(result.release()).isEqualTo(DUNE_B.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(status.releaseAttempts()).isEqualTo(2);
      assertThat(status.lastError().type()).isEqualTo(Causes.STALLED);
      assertThat(status.lastError().stage()).isEqualTo(RequestStage.DOWNLOAD);
      assertThat(causes(status)).containsSubsequence(Causes.STALLED, Causes.DOWNLOAD_COMPLETED);
      assertThat(elapsed(status, Causes.STALLED)).isBetween(STALL, about(STALL));
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
      verify(t.search, times(1)).search(any());
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Completed");
    }
  }

  @Test
  void corruptFileIsBlocklistedAndNextReleaseIsTried() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("5");
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);
      when(t.processing.verifyDownload(new VerifyRequest(id, contentPath(DUNE_A), null)))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "video stream truncated", ErrorTypes.CORRUPT_MEDIA));
      t.givenDownloadCompletes(DUNE_B, id);

      MediaRequestWorkflow request = t.start(movie("5"), id);

      assertThat(result(request).release()).isEqualTo(DUNE_B.title());
      RequestStatus status = request.status();
      assertThat(status.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(status.lastError().type()).isEqualTo(ErrorTypes.CORRUPT_MEDIA);
      assertThat(status.lastError().stage()).isEqualTo(RequestStage.PROCESS);
      assertThat(causes(status)).contains(ErrorTypes.CORRUPT_MEDIA);
      verify(t.processing, times(1))
          .verifyDownload(new VerifyRequest(id, contentPath(DUNE_A), null));
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
    }
  }

  @Test
  void exhaustedRetriesNeedAttentionUntilAnOperatorRetries() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("6");
      ApplicationFailure down =
          ApplicationFailure.newFailure("indexer-a answered HTTP 503", ErrorTypes.SERVER_ERROR);
      when(t.search.search(any()))
          .thenThrow(down, down, down)
          .thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);
      MediaRequestWorkflow request = t.start(movie("6"), id);

      RequestStatus stuck = awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);
      assertThat(stuck.stage()).isEqualTo(RequestStage.SEARCH);
      assertThat(stuck.lastError().type()).isEqualTo(ErrorTypes.SERVER_ERROR);
      assertThat(stuck.lastError().activityType()).isEqualTo("Search");
      assertThat(stuck.lastError().stage()).isEqualTo(RequestStage.SEARCH);
      assertThat(stuck.lastError().message()).contains("HTTP 503");
      assertThat(stuck.lastError().attempts()).isEqualTo(1);
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE))
          .isEqualTo("NeedsAttention");
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STAGE)).isEqualTo("Search");
      verify(t.search, times(3)).search(any());
      assertThat(notifications(t, "ntfy", 2))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.NEEDS_ATTENTION);

      RequestStatus afterRetry =
          request.retry(new OperatorAction("op-1", "alice", "indexer is back"));

      assertThat(afterRetry.state()).isEqualTo(RequestState.ACTIVE);
      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus done = request.status();
      assertThat(done.transitions())
          .filteredOn(tr -> tr.cause().equals(Causes.OPERATOR_RETRY))
          .singleElement()
          .satisfies(tr -> assertThat(tr.detail()).isEqualTo("alice (indexer is back)"))
          .satisfies(tr -> assertThat(tr.fromState()).isEqualTo(RequestState.NEEDS_ATTENTION));
      verify(t.search, times(4)).search(any());
    }
  }

  @Test
  void needsAttentionWithoutOperatorTimesOutToFailed() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      when(t.search.search(any())).thenReturn(NOTHING);
      MediaRequestWorkflow request = t.start(movie("7"), movieId("7"));

      assertThat(result(request).state()).isEqualTo(RequestState.FAILED);
      RequestStatus status = request.status();
      assertThat(status.lastError().type()).isEqualTo(Causes.NO_RELEASE);
      assertThat(causes(status))
          .containsSubsequence(Causes.WANTED, Causes.NO_RELEASE, Causes.ATTENTION_TIMEOUT);
      assertThat(elapsed(status, Causes.NO_RELEASE))
          .isBetween(Duration.ofDays(1), about(Duration.ofDays(1)));
      assertThat(elapsed(status, Causes.ATTENTION_TIMEOUT))
          .isBetween(Duration.ofDays(8), about(Duration.ofDays(8)));
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Failed");
      assertThat(notifications(t, "ntfy", 3))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.NEEDS_ATTENTION, RequestEvent.FAILED);
      verify(t.search, times(25)).search(any());
    }
  }

  @Test
  void cancelRemovesTheDownloadWithItsFilesAsThePolicySays() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = downloadingRequest(t, "8");

      RequestStatus cancelled = request.cancel(new OperatorAction("op-2", "bob", "declined"));

      assertThat(cancelled.state()).isEqualTo(RequestState.CANCELLED);
      assertThat(result(request).state()).isEqualTo(RequestState.CANCELLED);
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
      assertThat(request.status().transitions())
          .last()
          .satisfies(tr -> assertThat(tr.cause()).isEqualTo(Causes.OPERATOR_CANCEL))
          .satisfies(tr -> assertThat(tr.detail()).isEqualTo("bob (declined)"))
          .satisfies(tr -> assertThat(tr.fromStage()).isEqualTo(RequestStage.DOWNLOAD));
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Cancelled");
      verify(t.processing, never()).verifyDownload(any());
    }
  }

  @Test
  void cancellingTheWorkflowCompensatesAndClosesItAsCancelled() {
    RequestPolicy keepFiles =
        new RequestPolicy(
            CLIENT,
            List.of("ntfy"),
            STALL,
            Duration.ofHours(1),
            Duration.ofDays(1),
            3,
            Duration.ofDays(7),
            false,
            100);
    try (RequestTestEnv t = new RequestTestEnv(keepFiles)) {
      MediaRequestWorkflow request = downloadingRequest(t, "9");

      WorkflowStub.fromTyped(request).cancel();

      assertThatThrownBy(() -> result(request))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
      verify(t.downloads).removeDownload(handle(DUNE_A), false);
      RequestStatus status = request.status();
      assertThat(status.state()).isEqualTo(RequestState.CANCELLED);
      assertThat(causes(status)).last().isEqualTo(Causes.WORKFLOW_CANCELLED);
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Cancelled");
    }
  }

  @Test
  void finishedSignalArrivingBeforeTheDownloadIsRegisteredIsUsedOnceItIs() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("10");
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);
      MediaRequestWorkflow request =
          t.client.newWorkflowStub(
              MediaRequestWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(id)
                  .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                  .build());
      // Signal-with-start: the webhook is in the history before the download is even added.
      BatchRequest batch = t.client.newSignalWithStartRequest();
      batch.add(request::run, movie("10"));
      batch.add(
          request::downloadFinished,
          new DownloadFinished("qb-early", DUNE_A.infoHash().toUpperCase(), contentPath(DUNE_A)));
      t.client.signalWithStart(batch);

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(elapsed(status, Causes.DOWNLOAD_COMPLETED))
          .as("completed on the hint, not after the stall timeout")
          .isLessThan(STALL);
      verify(t.downloads, times(1)).downloadStatus(handle(DUNE_A));
    }
  }

  @Test
  void completedSnapshotReportedBeforeTheDownloadIsRegisteredIsConfirmedWithoutWaitingForStall() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("30");
      DownloadStatus early = status(DUNE_A, id, DownloadState.COMPLETED, 1.0);
      // The monitor reports the id as the client spells it; the handle may differ in case.
      MediaRequestWorkflow request =
          Scenarios.earlyProgress(
              t, "30", List.of(withId(early, DUNE_A.infoHash().toUpperCase(Locale.ROOT))));

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(elapsed(status, Causes.DOWNLOAD_COMPLETED))
          .as("completed on the early snapshot, not after the stall timeout")
          .isLessThan(STALL);
      verify(t.downloads, times(1)).downloadStatus(handle(DUNE_A));
      List<HistoryEvent> events = t.client.fetchHistory(id).getEvents();
      assertThat(versionChanges(events))
          .containsExactly(
              RequestVisibility.CHANGED_ATTRIBUTES_CHANGE,
              DownloadWatch.EARLY_PROGRESS_CHANGE,
              SideEffects.RETIRE_IMPORTED_CHANGE);
      assertThat(
              events.stream()
                  .takeWhile(e -> !scheduled(e, ActivityTypes.DOWNLOAD_STATUS))
                  .filter(HistoryEvent::hasTimerFiredEventAttributes))
          .as("no timer fired before the client was asked")
          .isEmpty();
    }
  }

  @Test
  void snapshotOfAnotherDownloadReportedBeforeRegistrationIsNotApplied() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("31");
      MediaRequestWorkflow request = reportedWhileAdding(t, "31", DUNE_B, DownloadState.COMPLETED);

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(elapsed(status, Causes.DOWNLOAD_COMPLETED))
          .as("confirmed only by the stall timeout's check")
          .isBetween(STALL, about(STALL));
      assertThat(status.download().id()).isEqualTo(DUNE_A.infoHash());
      assertThat(versionChanges(t.client.fetchHistory(id).getEvents()))
          .as("no early-progress marker without a buffered snapshot for the download")
          .containsExactly(
              RequestVisibility.CHANGED_ATTRIBUTES_CHANGE, SideEffects.RETIRE_IMPORTED_CHANGE);
    }
  }

  @Test
  void earlySnapshotsAreBoundedAndTheFirstSeenIdIsDroppedFirst() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("32");
      List<DownloadStatus> reported = new ArrayList<>();
      reported.add(status(DUNE_A, id, DownloadState.COMPLETED, 1.0));
      for (int i = 0; i < DownloadWatch.EARLY_PROGRESS_SNAPSHOTS; i++) {
        DownloadStatus other = status(DUNE_B, id, DownloadState.DOWNLOADING, 0.5);
        reported.add(withId(other, String.format("%040x", i)));
      }
      MediaRequestWorkflow request = Scenarios.earlyProgress(t, "32", reported);

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      assertThat(elapsed(request.status(), Causes.DOWNLOAD_COMPLETED))
          .as("the download's own snapshot was dropped to keep the buffer bounded")
          .isBetween(STALL, about(STALL));
    }
  }

  @Test
  void earlyProgressSnapshotIsShownOnceTheDownloadIsRegisteredWithoutAskingTheClient() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("33");
      MediaRequestWorkflow request =
          reportedWhileAdding(t, "33", DUNE_A, DownloadState.DOWNLOADING);

      RequestStatus moving =
          awaitStatus(request, s -> s.download() != null && s.download().progress() == 0.5);
      assertThat(moving.download().state()).isEqualTo("DOWNLOADING");
      assertThat(moving.stage()).isEqualTo(RequestStage.DOWNLOAD);
      verify(t.downloads, never()).downloadStatus(any());
      request.downloadProgress(status(DUNE_A, id, DownloadState.COMPLETED, 1.0));
      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      assertThat(elapsed(request.status(), Causes.DOWNLOAD_COMPLETED)).isLessThan(STALL);
    }
  }

  @Test
  void repeatedAndForeignDownloadSignalsAreHarmless() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = downloadingRequest(t, "11");
      String id = movieId("11");
      String other = "f".repeat(40);
      request.downloadFailed(new DownloadFailed("qb-x", other, "not ours"));
      request.downloadProgress(status(DUNE_B, id, DownloadState.COMPLETED, 1.0));
      request.downloadFinished(new DownloadFinished("qb-y", other, "/downloads/other"));
      // The confirmation waits until every repeat below is sent: otherwise the request may
      // complete before the last signal, which then fails as sent to a closed workflow.
      CountDownLatch repeatsSent = new CountDownLatch(1);
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenAnswer(
              call -> {
                repeatsSent.await(30, TimeUnit.SECONDS);
                return status(DUNE_A, id, DownloadState.COMPLETED, 1.0);
              });
      for (int i = 0; i < 10; i++) {
        request.downloadFinished(
            new DownloadFinished("qb-done", DUNE_A.infoHash(), contentPath(DUNE_A)));
      }
      // A replayed failure webhook for an event already applied changes nothing either.
      request.downloadFailed(new DownloadFailed("qb-done", DUNE_A.infoHash(), "replayed"));
      repeatsSent.countDown();

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(status.blocklist()).isEmpty();
      assertThat(status.releaseAttempts()).isEqualTo(1);
      assertThat(elapsed(status, Causes.DOWNLOAD_COMPLETED)).isLessThan(STALL);
      verify(t.downloads, never()).removeDownload(any(), anyBoolean());
      verify(t.processing, times(1)).verifyDownload(any());
      verify(t.processing, times(1)).importMedia(any());
      assertThat(notifications(t, "ntfy", 2))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.COMPLETED);
    }
  }

  @Test
  void progressFromTheMonitorKeepsTheDownloadAliveAndCompletionIsConfirmedWithTheClient() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = downloadingRequest(t, "12");
      String id = movieId("12");
      request.downloadProgress(status(DUNE_A, id, DownloadState.DOWNLOADING, 0.4));
      RequestStatus moving = awaitStatus(request, s -> s.download().progress() == 0.4);
      assertThat(moving.download().state()).isEqualTo("DOWNLOADING");
      assertThat(moving.download().client()).isEqualTo(CLIENT);
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenReturn(status(DUNE_A, id, DownloadState.COMPLETED, 1.0));

      request.downloadProgress(status(DUNE_A, id, DownloadState.COMPLETED, 1.0));

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      verify(t.downloads, times(1)).downloadStatus(handle(DUNE_A));
    }
  }

  @Test
  void failedDownloadSignalBlocklistsTheReleaseAndTriesTheNextOne() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("13");
      MediaRequestWorkflow request = downloadingRequest(t, "13");
      t.givenDownloadCompletes(DUNE_B, id);

      request.downloadFailed(new DownloadFailed("qb-err", DUNE_A.infoHash(), "tracker error"));

      assertThat(result(request).release()).isEqualTo(DUNE_B.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(status.lastError().type()).isEqualTo(Causes.DOWNLOAD_FAILED);
      assertThat(status.lastError().message()).isEqualTo("tracker error");
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
    }
  }

  @Test
  void validatorsRejectActionsThatMakeNoSense() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow downloading = downloadingRequest(t, "14");

      assertThatThrownBy(() -> downloading.retry(new OperatorAction("op-r", "alice", null)))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining("only possible in NeedsAttention");
      assertThatThrownBy(
              () -> downloading.chooseRelease(new ChooseRelease("op-c", "alice", "no-such-key")))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .isInstanceOf(ApplicationFailure.class)
          .satisfies(
              f ->
                  assertThat(((ApplicationFailure) f).getType())
                      .isEqualTo(IllegalArgumentException.class.getName()));
      assertThatThrownBy(
              () ->
                  downloading.chooseRelease(new ChooseRelease("op-c2", "alice", DUNE_A.infoHash())))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining("already the current one");
      downloading.requestAction(
          new RequestActionSignal(ActionKind.RETRY, new OperatorAction("op-b", "batch", "bulk")));
      RequestStatus audited =
          awaitStatus(downloading, s -> causes(s).contains(Causes.ACTION_REJECTED));
      assertThat(audited.state()).isEqualTo(RequestState.ACTIVE);
      assertThat(audited.transitions())
          .filteredOn(tr -> tr.cause().equals(Causes.ACTION_REJECTED))
          .singleElement()
          .satisfies(tr -> assertThat(tr.detail()).startsWith("RETRY by batch (bulk)"));

      when(t.search.search(argThat(q -> q != null && q.workflowId().equals(movieId("15")))))
          .thenReturn(NOTHING);
      MediaRequestWorkflow searching = t.start(movie("15"), movieId("15"));
      awaitStatus(searching, s -> causes(s).contains(Causes.WANTED));
      assertThatThrownBy(() -> searching.skipRelease(new OperatorAction("op-s", "alice", null)))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining("no current release");

      assertThat(searching.cancel(new OperatorAction("op-x", "alice", null)).state())
          .isEqualTo(RequestState.CANCELLED);
      assertThat(downloading.cancel(new OperatorAction("op-y", null, null)).state())
          .isEqualTo(RequestState.CANCELLED);
    }
  }

  @Test
  void operatorCanSkipTheCurrentReleaseAndChooseAnother() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("16");
      when(t.search.search(any()))
          .thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B, DUNE_C), List.of()));
      t.givenAdded(DUNE_A);
      t.givenAdded(DUNE_B);
      when(t.downloads.downloadStatus(any()))
          .thenReturn(status(DUNE_A, id, DownloadState.DOWNLOADING, 0.1));
      t.givenDownloadCompletes(DUNE_C, id);
      MediaRequestWorkflow request = t.start(movie("16"), id);
      awaitStatus(request, s -> s.download() != null);

      OperatorAction skip = new OperatorAction("op-skip", "alice", "fake release");
      RequestStatus skipped = request.skipRelease(skip);
      assertThat(skipped.chosenRelease().title()).isEqualTo(DUNE_B.title());
      assertThat(skipped.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(request.skipRelease(skip).blocklist())
          .as("the same event again changes nothing")
          .containsExactly(DUNE_A.blocklistKey());
      awaitStatus(request, s -> s.download() != null && s.download().id().equals("b".repeat(40)));

      RequestStatus chosen =
          request.chooseRelease(new ChooseRelease("op-choose", "bob", "guid-" + DUNE_C.title()));

      assertThat(chosen.chosenRelease().title()).isEqualTo(DUNE_C.title());
      assertThat(result(request).release()).isEqualTo(DUNE_C.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(causes(status)).contains(Causes.OPERATOR_SKIP, Causes.OPERATOR_CHOICE);
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
      verify(t.downloads).removeDownload(handle(DUNE_B), true);
    }
  }

  @Test
  void tooManyFailedReleasesNeedAttentionAndRetryGrantsNewAttempts() {
    try (RequestTestEnv t = new RequestTestEnv(policy(2, 100))) {
      String id = movieId("17");
      when(t.search.search(any()))
          .thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B, DUNE_C), List.of()));
      when(t.downloads.addDownload(argThat(r -> r != null && !r.release().equals(DUNE_C))))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "torrent rejected", ErrorTypes.DOWNLOAD_REJECTED));
      t.givenDownloadCompletes(DUNE_C, id);
      MediaRequestWorkflow request = t.start(movie("17"), id);

      RequestStatus stuck = awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);

      assertThat(stuck.lastError().type()).isEqualTo(Causes.RELEASE_ATTEMPTS_EXHAUSTED);
      assertThat(stuck.lastError().message())
          .contains("2 release(s) tried")
          .contains("DownloadRejected");
      assertThat(stuck.blocklist()).containsExactly(DUNE_A.blocklistKey(), DUNE_B.blocklistKey());
      assertThat(stuck.stage()).isEqualTo(RequestStage.DOWNLOAD);
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE))
          .isEqualTo("NeedsAttention");
      verify(t.downloads, never()).addDownload(argThat(r -> r.release().equals(DUNE_C)));

      request.retry(new OperatorAction("op-more", "alice", "try the 2160p one"));

      assertThat(result(request).release()).isEqualTo(DUNE_C.title());
      assertThat(request.status().releaseAttempts()).isEqualTo(1);
    }
  }

  @Test
  void usenetReleaseGoesToTheUsenetClientAndAFailedRetireDoesNotFailTheRequest() {
    RequestPolicy byProtocol =
        new RequestPolicy(
            CLIENT,
            List.of("ntfy"),
            STALL,
            Duration.ofHours(1),
            Duration.ofDays(1),
            3,
            Duration.ofDays(7),
            true,
            100,
            Map.of(Protocol.USENET, "sabnzbd"));
    Release nzb =
        new Release(
            "nzb-guid-1",
            "Dune.2021.1080p.WEB-DL.NZB",
            "newznab-a",
            1,
            Protocol.USENET,
            "https://indexer.example/getnzb/1.nzb",
            null,
            4_000_000_000L,
            0,
            0,
            "2024-01-01T00:00:00Z",
            List.of(2040),
            "1080p");
    DownloadHandle sab = new DownloadHandle("sabnzbd", "SABnzbd_nzo_abc", nzb.title());
    try (RequestTestEnv t = new RequestTestEnv(byProtocol)) {
      String id = movieId("usenet-1");
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(nzb), List.of()));
      when(t.downloads.addDownload(any())).thenReturn(sab);
      when(t.downloads.downloadStatus(eq(sab)))
          .thenReturn(
              new DownloadStatus(
                  "sabnzbd",
                  sab.id(),
                  id,
                  nzb.title(),
                  DownloadState.COMPLETED,
                  1.0,
                  0,
                  contentPath(nzb),
                  "/downloads",
                  null));
      t.givenVerifies(nzb);
      doThrow(ApplicationFailure.newFailure("sabnzbd answered HTTP 503", ErrorTypes.SERVER_ERROR))
          .when(t.downloads)
          .retireDownload(sab);

      MediaRequestWorkflow request = t.start(movie("usenet-1"), id);

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      verify(t.downloads).addDownload(new AddDownloadRequest(id, "sabnzbd", nzb));
      assertThat(causes(request.status())).contains(Causes.REMOVE_FAILED);
      assertThat(byProtocol.clientFor(Protocol.TORRENT)).isEqualTo(CLIENT);
      assertThat(byProtocol.clientFor(null)).isEqualTo(CLIENT);
    }
  }

  @Test
  void failingNotifierOrMediaServerDoesNotFailTheRequest() {
    RequestPolicy twoNotifiers =
        new RequestPolicy(
            CLIENT,
            List.of("ntfy", "discord"),
            STALL,
            Duration.ofHours(1),
            Duration.ofDays(1),
            3,
            Duration.ofDays(7),
            true,
            100);
    try (RequestTestEnv t = new RequestTestEnv(twoNotifiers)) {
      doThrow(ApplicationFailure.newFailure("discord answered HTTP 502", ErrorTypes.SERVER_ERROR))
          .when(t.notifications)
          .sendNotification(eq("discord"), any());
      doThrow(ApplicationFailure.newNonRetryableFailure("jellyfin 404", ErrorTypes.NOT_FOUND))
          .when(t.library)
          .refreshLibrary(any());

      MediaRequestWorkflow request = Scenarios.movieHappyPath(t, "18");

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(status.lastError().activityType()).isEqualTo("SendNotification");
      assertThat(status.lastError().type()).isEqualTo(ErrorTypes.SERVER_ERROR);
      assertThat(causes(status))
          .contains(Causes.NOTIFIER_FAILED, Causes.LIBRARY_UPDATE_FAILED, Causes.NOTIFIED);
      assertThat(notifications(t, "ntfy", 2))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.COMPLETED);
      // Two attempts per event: the per-activity-type options from the worker config apply.
      verify(t.notifications, times(4)).sendNotification(eq("discord"), any());
    }
  }

  @Test
  void continueAsNewKeepsTheBlocklist() {
    try (RequestTestEnv t = new RequestTestEnv(policy(3, 2))) {
      String id = movieId("19");
      when(t.search.search(any()))
          .thenReturn(new SearchResult(List.of(DUNE_A), List.of()))
          .thenReturn(NOTHING, NOTHING)
          .thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
      t.givenAdded(DUNE_A);
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenReturn(status(DUNE_A, id, DownloadState.STALLED, 0.0));
      t.givenDownloadCompletes(DUNE_B, id);
      MediaRequestWorkflow request = t.start(movie("19"), id);
      String firstRun = WorkflowStub.fromTyped(request).getExecution().getRunId();

      assertThat(result(request).release()).isEqualTo(DUNE_B.title());

      ArgumentCaptor<SearchQuery> queries = ArgumentCaptor.forClass(SearchQuery.class);
      verify(t.search, times(4)).search(queries.capture());
      assertThat(queries.getAllValues().get(3).blocklist()).containsExactly(DUNE_A.blocklistKey());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey());
      assertThat(status.releaseAttempts()).isEqualTo(2);
      assertThat(causes(status))
          .containsSubsequence(
              Causes.REQUEST_STARTED, Causes.STALLED, Causes.CONTINUED_AS_NEW, Causes.NOTIFIED);
      assertThat(t.client.newUntypedWorkflowStub(id).describe().getExecution().getRunId())
          .isNotEqualTo(firstRun);
      assertThat(
              t.client
                  .fetchHistory(id, firstRun)
                  .getLastEvent()
                  .hasWorkflowExecutionContinuedAsNewEventAttributes())
          .isTrue();
      assertThat(notifications(t, "ntfy", 2))
          .extracting(Notification::event)
          .as("STARTED is not sent again by the continuation")
          .containsExactly(RequestEvent.STARTED, RequestEvent.COMPLETED);
    }
  }

  @Test
  void continueAsNewWhileDownloadingResumesTheSameDownload() {
    try (RequestTestEnv t = new RequestTestEnv(policy(3, 2))) {
      String id = movieId("20");
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenAdded(DUNE_A);
      t.givenVerifies(DUNE_A);
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenReturn(
              status(DUNE_A, id, DownloadState.DOWNLOADING, 0.2),
              status(DUNE_A, id, DownloadState.DOWNLOADING, 0.5),
              status(DUNE_A, id, DownloadState.DOWNLOADING, 0.8),
              status(DUNE_A, id, DownloadState.COMPLETED, 1.0));
      MediaRequestWorkflow request = t.start(movie("20"), id);
      String firstRun = WorkflowStub.fromTyped(request).getExecution().getRunId();

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);

      verify(t.downloads, times(1)).addDownload(any());
      verify(t.search, times(1)).search(any());
      verify(t.downloads, times(4)).downloadStatus(handle(DUNE_A));
      assertThat(causes(request.status())).contains(Causes.CONTINUED_AS_NEW);
      assertThat(t.client.newUntypedWorkflowStub(id).describe().getExecution().getRunId())
          .isNotEqualTo(firstRun);
    }
  }

  @Test
  void seasonThatFailsMakesTheTvRequestFailAndOnlyCompletedSeasonsAreMarked() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      when(t.search.search(argThat(q -> q != null && Integer.valueOf(1).equals(q.season()))))
          .thenReturn(new SearchResult(List.of(SEVERANCE_S1), List.of()));
      when(t.search.search(argThat(q -> q != null && Integer.valueOf(2).equals(q.season()))))
          .thenReturn(NOTHING);
      t.givenDownloadCompletes(SEVERANCE_S1, WorkflowIds.season(TV_ID, 1));
      MediaRequestWorkflow request = t.start(Scenarios.tv(), TV_ID);

      assertThat(result(request).state()).isEqualTo(RequestState.FAILED);
      RequestStatus status = request.status();
      assertThat(status.seasons())
          .extracting(SeasonStatus::state)
          .containsExactly(RequestState.COMPLETED, RequestState.FAILED);
      assertThat(causes(status)).contains(Causes.SEASONS_INCOMPLETE);
      verify(t.library).markAvailable(new SourceUpdate("seerr", "tv-7", MediaType.TV, List.of(1)));
      assertThat(notifications(t, "ntfy", 3))
          .extracting(Notification::event)
          .containsExactly(RequestEvent.STARTED, RequestEvent.NEEDS_ATTENTION, RequestEvent.FAILED);
      assertThat(searchAttribute(request, SearchAttributes.REQUEST_STATE)).isEqualTo("Failed");
    }
  }

  @Test
  void cancellingATvRequestCancelsAndCompensatesItsSeasons() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      when(t.search.search(argThat(q -> q != null && Integer.valueOf(1).equals(q.season()))))
          .thenReturn(new SearchResult(List.of(SEVERANCE_S1), List.of()));
      when(t.search.search(argThat(q -> q != null && Integer.valueOf(2).equals(q.season()))))
          .thenReturn(new SearchResult(List.of(SEVERANCE_S2), List.of()));
      t.givenAdded(SEVERANCE_S1);
      t.givenAdded(SEVERANCE_S2);
      MediaRequestWorkflow request = t.start(Scenarios.tv(), TV_ID);
      for (int season : List.of(1, 2)) {
        MediaRequestWorkflow child =
            t.client.newWorkflowStub(MediaRequestWorkflow.class, WorkflowIds.season(TV_ID, season));
        awaitStatus(child, s -> s.download() != null);
      }

      RequestStatus cancelled = request.cancel(new OperatorAction("op-tv", "seerr", "declined"));

      assertThat(cancelled.state()).isEqualTo(RequestState.CANCELLED);
      assertThat(cancelled.seasons())
          .extracting(SeasonStatus::state)
          .containsOnly(RequestState.CANCELLED);
      assertThat(result(request).state()).isEqualTo(RequestState.CANCELLED);
      verify(t.downloads).removeDownload(handle(SEVERANCE_S1), true);
      verify(t.downloads).removeDownload(handle(SEVERANCE_S2), true);
      WorkflowStub child = t.client.newUntypedWorkflowStub(WorkflowIds.season(TV_ID, 1));
      assertThat(child.describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
      verify(t.library, never()).markAvailable(any());
    }
  }

  @Test
  void batchSignalAppliesValidActionsAndAuditsInvalidOnes() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("21");
      ApplicationFailure unauthorized =
          ApplicationFailure.newNonRetryableFailure("HTTP 401", ErrorTypes.UNAUTHORIZED);
      when(t.search.search(any()))
          .thenThrow(unauthorized)
          .thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);
      MediaRequestWorkflow request = t.start(movie("21"), id);
      awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);
      verify(t.search, times(1)).search(any());

      request.requestAction(
          new RequestActionSignal(
              ActionKind.SKIP_RELEASE, new OperatorAction("b-1", "batch", "bulk skip")));
      request.requestAction(
          new RequestActionSignal(ActionKind.RETRY, new OperatorAction("b-2", "batch", null)));
      request.requestAction(
          new RequestActionSignal(ActionKind.RETRY, new OperatorAction("b-2", "batch", null)));

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      RequestStatus status = request.status();
      assertThat(causes(status)).containsOnlyOnce(Causes.ACTION_REJECTED, Causes.OPERATOR_RETRY);
      assertThat(status.lastError().type()).isEqualTo(ErrorTypes.UNAUTHORIZED);
      verify(t.search, times(2)).search(any());
    }
  }

  @Test
  void batchSignalCancelsARequest() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request = downloadingRequest(t, "22");

      request.requestAction(
          new RequestActionSignal(ActionKind.CANCEL, new OperatorAction("b-3", "batch", null)));

      assertThat(result(request).state()).isEqualTo(RequestState.CANCELLED);
      verify(t.downloads).removeDownload(handle(DUNE_A), true);
    }
  }

  @Test
  void requestWithoutTitleFailsAsBadRequest() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestWorkflow request =
          t.start(MediaRequestInput.movie("seerr", "23", null, null, null), movieId("23"));

      assertThatThrownBy(() -> result(request))
          .isInstanceOf(WorkflowFailedException.class)
          .cause()
          .isInstanceOf(ApplicationFailure.class)
          .satisfies(
              f ->
                  assertThat(((ApplicationFailure) f).getType()).isEqualTo(ErrorTypes.BAD_REQUEST));
      verify(t.search, never()).search(any());
    }
  }

  @Test
  void searchCarriesTheRequestsRuntimeForPerMinuteSizeLimits() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      MediaRequestInput dune = movie("runtime-1");
      MediaRequestInput withRuntime = dune.toBuilder().runtimeMinutes(155).build();
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenAdded(DUNE_A);

      t.start(withRuntime, movieId("runtime-1"));

      ArgumentCaptor<SearchQuery> query = ArgumentCaptor.forClass(SearchQuery.class);
      verify(t.search, timeout(10_000)).search(query.capture());
      assertThat(query.getValue().runtimeMinutes()).isEqualTo(155);
    }
  }

  @Test
  void downloadTheClientLostOrFailedIsBlocklistedEvenWhenRemovingItFails() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("24");
      when(t.search.search(any()))
          .thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B, DUNE_C), List.of()));
      t.givenAdded(DUNE_A);
      t.givenAdded(DUNE_B);
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenReturn(status(DUNE_A, id, DownloadState.MISSING, 0.0));
      when(t.downloads.downloadStatus(handle(DUNE_B)))
          .thenReturn(
              new DownloadStatus(
                  CLIENT,
                  DUNE_B.infoHash(),
                  id,
                  DUNE_B.title(),
                  DownloadState.FAILED,
                  0.3,
                  100,
                  contentPath(DUNE_B),
                  "/downloads",
                  "missing files"));
      doThrow(ApplicationFailure.newNonRetryableFailure("HTTP 404", ErrorTypes.NOT_FOUND))
          .when(t.downloads)
          .removeDownload(handle(DUNE_A), true);
      t.givenDownloadCompletes(DUNE_C, id);
      MediaRequestWorkflow request = t.start(movie("24"), id);

      assertThat(result(request).release()).isEqualTo(DUNE_C.title());
      RequestStatus status = request.status();
      assertThat(status.blocklist()).containsExactly(DUNE_A.blocklistKey(), DUNE_B.blocklistKey());
      assertThat(causes(status))
          .containsSubsequence(
              Causes.REMOVE_FAILED,
              Causes.DOWNLOAD_MISSING,
              Causes.DOWNLOAD_REMOVED,
              Causes.DOWNLOAD_FAILED,
              Causes.NOTIFIED);
      assertThat(status.transitions())
          .filteredOn(tr -> tr.cause().equals(Causes.DOWNLOAD_FAILED))
          .singleElement()
          .satisfies(tr -> assertThat(tr.detail()).contains("missing files"));
      verify(t.downloads).removeDownload(handle(DUNE_B), true);
    }
  }

  @Test
  void downloadClientOutageNeedsAttentionAndRetryResumesTheSameDownload() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("25");
      MediaRequestWorkflow request = downloadingRequest(t, "25");
      when(t.downloads.downloadStatus(handle(DUNE_A)))
          .thenThrow(ApplicationFailure.newFailure("connection refused", ErrorTypes.NETWORK_ERROR));

      t.env.sleep(STALL.plusMinutes(1));
      RequestStatus stuck = awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);

      assertThat(stuck.stage()).isEqualTo(RequestStage.DOWNLOAD);
      assertThat(stuck.lastError().type()).isEqualTo(ErrorTypes.NETWORK_ERROR);
      assertThat(stuck.lastError().activityType()).isEqualTo("DownloadStatus");
      assertThat(stuck.download().id()).isEqualTo(DUNE_A.infoHash());
      doReturn(status(DUNE_A, id, DownloadState.COMPLETED, 1.0))
          .when(t.downloads)
          .downloadStatus(handle(DUNE_A));

      request.retry(new OperatorAction("op-qb", "alice", "qbittorrent restarted"));

      assertThat(result(request).release()).isEqualTo(DUNE_A.title());
      verify(t.downloads, times(1)).addDownload(any());
      verify(t.downloads, never()).removeDownload(any(), anyBoolean());
      assertThat(request.status().blocklist()).isEmpty();
    }
  }

  @Test
  void importConflictNeedsAttentionAndRetryImportsWithoutVerifyingAgain() {
    try (RequestTestEnv t = new RequestTestEnv()) {
      String id = movieId("26");
      when(t.search.search(any())).thenReturn(new SearchResult(List.of(DUNE_A), List.of()));
      t.givenDownloadCompletes(DUNE_A, id);
      when(t.processing.importMedia(any()))
          .thenThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "a different file is in the way", ErrorTypes.IMPORT_CONFLICT))
          .thenReturn(new ImportResult("/library/Dune (2021)", List.of()));
      MediaRequestWorkflow request = t.start(movie("26"), id);
      awaitStatus(request, s -> s.download() != null);

      t.env.sleep(STALL.plusMinutes(1));
      RequestStatus stuck = awaitStatus(request, s -> s.state() == RequestState.NEEDS_ATTENTION);
      assertThat(stuck.stage()).isEqualTo(RequestStage.PROCESS);
      assertThat(stuck.lastError().type()).isEqualTo(ErrorTypes.IMPORT_CONFLICT);
      assertThat(stuck.blocklist()).as("not a fault of the release").isEmpty();

      request.retry(new OperatorAction("op-imp", "alice", "moved the old file away"));

      assertThat(result(request).state()).isEqualTo(RequestState.COMPLETED);
      verify(t.processing, times(1)).verifyDownload(any());
      verify(t.processing, times(2)).importMedia(any());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A movie request whose first release is added and still downloading (no progress). */
  private static MediaRequestWorkflow downloadingRequest(RequestTestEnv t, String requestId) {
    String id = movieId(requestId);
    when(t.search.search(argThat(q -> q != null && q.workflowId().equals(id))))
        .thenReturn(new SearchResult(List.of(DUNE_A, DUNE_B), List.of()));
    t.givenAdded(DUNE_A);
    t.givenVerifies(DUNE_A);
    when(t.downloads.downloadStatus(handle(DUNE_A)))
        .thenReturn(status(DUNE_A, id, DownloadState.DOWNLOADING, 0.0));
    MediaRequestWorkflow request = t.start(movie(requestId), id);
    awaitStatus(request, s -> s.download() != null);
    return request;
  }

  private static List<Notification> notifications(RequestTestEnv t, String notifier, int count) {
    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(t.notifications, timeout(10_000).times(count))
        .sendNotification(eq(notifier), sent.capture());
    return sent.getAllValues();
  }

  /** Activities take real milliseconds; timers fire on the dot. */
  private static Duration about(Duration d) {
    return d.plusMinutes(1);
  }

  /** Starts a request whose monitor reports one half-done snapshot before AddDownload returns. */
  private static MediaRequestWorkflow reportedWhileAdding(
      RequestTestEnv t, String requestId, Release release, DownloadState state) {
    DownloadStatus snapshot = status(release, movieId(requestId), state, 0.5);
    return Scenarios.earlyProgress(t, requestId, List.of(snapshot));
  }

  private static DownloadStatus withId(DownloadStatus s, String id) {
    return new DownloadStatus(
        s.client(),
        id,
        s.workflowId(),
        s.name(),
        s.state(),
        s.progress(),
        s.amountLeft(),
        s.contentPath(),
        s.savePath(),
        s.message());
  }

  /** Change ids of the version markers, in history order. */
  private static boolean scheduled(HistoryEvent event, String activityType) {
    return event.hasActivityTaskScheduledEventAttributes()
        && event
            .getActivityTaskScheduledEventAttributes()
            .getActivityType()
            .getName()
            .equals(activityType);
  }

  /** Workflow time from the start of the request to the first transition with that cause. */
}
