package io.temporarr.workflows.request.internal;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.ErrorInfo;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.request.internal.OperatorActions.Op;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One media request driven through {@link RequestLifecycle}: the main loop applies queued operator
 * actions, then runs one step of the current stage (Search, Download, Process, Notify) or waits for
 * an operator; every step ends in a guarded transition. A TV request with seasons fans out to one
 * child per season instead ({@link SeasonFanOut}). Each part of the request's state has its owner:
 * {@link ReleaseAttempts}, {@link DownloadWatch}, {@link MediaImport}, {@link OperatorActions},
 * {@link RequestFailures}, {@link Cancellation}; {@link SideEffects} and {@link RequestVisibility}
 * tell the outside.
 *
 * <p>Activity options are not set here: the worker registers this class with {@code
 * WorkflowImplementationOptions} built from the declarative per-activity-type configuration.
 */
public class MediaRequestWorkflowImpl implements MediaRequestWorkflow {

  /** Event ids remembered for de-duplication; repeats arrive within minutes (webhook retries). */
  static final int APPLIED_EVENT_IDS = 200;

  /** Audit entries handed to a continuation: enough context, bounded payload. */
  static final int CARRIED_TRANSITIONS = 50;

  private final SearchActivities search = Workflow.newActivityStub(SearchActivities.class);
  private final DownloadActivities downloads = Workflow.newActivityStub(DownloadActivities.class);
  private final ProcessingActivities processing =
      Workflow.newActivityStub(ProcessingActivities.class);
  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class);
  private final LibraryActivities library = Workflow.newActivityStub(LibraryActivities.class);
  // Local: configuration lives in the worker; a local activity records it without a task round
  // trip.
  private final PolicyActivities policies = Workflow.newLocalActivityStub(PolicyActivities.class);

  private final MediaRequestInput input;
  private final String workflowId;
  private final String displayTitle;
  private final boolean parent;
  private final boolean child;
  private final AppliedEvents appliedEvents;
  private final RequestMetrics metrics;
  private final RequestVisibility visibility;
  private final RequestLifecycle lifecycle;
  private final ReleaseAttempts releases;
  private final DownloadWatch watch;
  private final RequestFailures failures;
  private final OperatorActions actions;
  private final SideEffects sideEffects;
  private final MediaImport media;
  private final SeasonFanOut seasons;
  private final Cancellation cancellation;

  private RequestPolicy policy;
  private int waitIterations;

  @WorkflowInit
  public MediaRequestWorkflowImpl(MediaRequestInput input) {
    this.input = input;
    this.workflowId = Workflow.getInfo().getWorkflowId();
    this.displayTitle = input.title() == null ? null : SideEffects.displayTitle(input);
    this.parent =
        input.mediaType() == MediaType.TV && input.season() == null && !input.seasons().isEmpty();
    this.child = input.season() != null;
    this.policy = input.policy();
    CarryOver carry = input.carryOver();
    List<String> startEvent = input.eventId() == null ? List.of() : List.of(input.eventId());
    appliedEvents =
        new AppliedEvents(APPLIED_EVENT_IDS, carry == null ? startEvent : carry.appliedEventIds());
    metrics =
        new RequestMetrics(
            Workflow::getMetricsScope, carry == null ? List.of() : carry.transitions());
    visibility = new RequestVisibility(workflowId, input, metrics);
    lifecycle = RequestLifecycle.of(carry, parent, WorkflowClock::now, visibility::changed);
    watch = new DownloadWatch(WorkflowClock::now, carry);
    media = new MediaImport(processing, workflowId, input);
    releases = new ReleaseAttempts(WorkflowClock::now, carry, lifecycle, watch, media);
    failures = new RequestFailures(lifecycle, WorkflowClock::now, carry);
    actions = new OperatorActions(appliedEvents, lifecycle, releases);
    sideEffects =
        new SideEffects(
            notifications,
            library,
            downloads,
            input,
            workflowId,
            () -> policy.notifiers(),
            lifecycle,
            failures,
            metrics);
    seasons = new SeasonFanOut(input, workflowId, lifecycle, failures, sideEffects);
    cancellation = new Cancellation(lifecycle, watch, sideEffects);
  }

  @Override
  public MediaRequestResult run(MediaRequestInput ignored) {
    if (input.mediaType() == null || input.title() == null || input.title().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a request needs a media type and a title", ErrorTypes.BAD_REQUEST);
    }
    visibility.start(lifecycle.state(), lifecycle.stage());
    if (input.carryOver() == null) {
      lifecycle.begin(input.mediaType().keyword() + " " + displayTitle + " from " + input.source());
    }
    try {
      if (policy == null) {
        policy = RequestPolicies.read(policies, input.mediaType());
      }
      cancellation.run(
          parent ? () -> seasons.run(policy, visibility.changedOnly()) : this::runPipeline);
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(() -> cancellation.compensate(policy)).run();
      if (!cancellation.byOperator()) {
        // Cancelled through Temporal (client, parent): close as Canceled once handlers are done.
        Workflow.newDetachedCancellationScope(this::awaitHandlers).run();
        throw e;
      }
    }
    awaitHandlers();
    Release release = releases.current();
    return new MediaRequestResult(
        workflowId,
        lifecycle.state(),
        release == null ? null : release.title(),
        parent ? seasons.importedFiles() : media.importedFiles());
  }

  // ---------------------------------------------------------------- queries, signals, updates

  @Override
  public RequestStatus status() {
    return new RequestStatus(
        workflowId,
        input.mediaType(),
        input.title(),
        input.season(),
        lifecycle.state(),
        lifecycle.stage(),
        releases.attempts(),
        releases.redactedCurrent(),
        watch.status(),
        failures.last(),
        releases.blocklist(),
        seasons.statuses(),
        lifecycle.transitions());
  }

  @Override
  public void downloadFinished(DownloadFinished signal) {
    if (signal != null && signal.infoHash() != null && appliedEvents.add(signal.eventId())) {
      watch.finished(signal);
    }
  }

  @Override
  public void downloadFailed(DownloadFailed signal) {
    if (signal != null && appliedEvents.add(signal.eventId())) {
      watch.failed(signal);
    }
  }

  @Override
  public void downloadProgress(DownloadStatus snapshot) {
    watch.progress(snapshot);
  }

  @Override
  public void requestAction(RequestActionSignal signal) {
    actions.signal(signal, cancellation::request);
  }

  @Override
  public RequestStatus retry(OperatorAction action) {
    actions.submit(Op.RETRY, action, null);
    return status();
  }

  @Override
  public void validateRetry(OperatorAction action) {
    actions.validate(ActionKind.RETRY, action);
  }

  @Override
  public RequestStatus skipRelease(OperatorAction action) {
    actions.submit(Op.SKIP, action, null);
    return status();
  }

  @Override
  public void validateSkipRelease(OperatorAction action) {
    actions.validate(ActionKind.SKIP_RELEASE, action);
  }

  @Override
  public RequestStatus chooseRelease(ChooseRelease choice) {
    actions.choose(choice);
    return status();
  }

  @Override
  public void validateChooseRelease(ChooseRelease choice) {
    actions.validate(choice);
  }

  @Override
  public RequestStatus cancel(OperatorAction action) {
    if (appliedEvents.add(OperatorActions.eventId(action))) {
      cancellation.request(OperatorActions.orUnknown(action));
      Workflow.await(lifecycle::isFinal);
    }
    return status();
  }

  @Override
  public void validateCancel(OperatorAction action) {
    actions.validate(ActionKind.CANCEL, action);
  }

  // ---------------------------------------------------------------- the pipeline

  private void runPipeline() {
    if (input.carryOver() == null && !child) {
      sideEffects.notifyAll(RequestEvent.STARTED, "Request received; searching for a release.");
    }
    failures.resumeAttention();
    watch.resumeStallClock();
    while (!lifecycle.isFinal()) {
      if (actions.applyNext(this::applyRetry, this::applySkip, this::applyChoice)) {
        continue;
      }
      if (lifecycle.state() == RequestState.NEEDS_ATTENTION) {
        awaitOperator();
        continue;
      }
      switch (lifecycle.stage()) {
        case SEARCH -> searchStep();
        case DOWNLOAD -> downloadStep();
        case PROCESS -> processStep();
        case NOTIFY -> notifyStep();
      }
    }
  }

  /** Search: the best acceptable release, or wait and search again until the wanted timeout. */
  private void searchStep() {
    boolean firstSearch = releases.searching();
    SearchResult result;
    try {
      result = search.search(releases.query(workflowId, input));
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    List<Release> usable = releases.found(result.accepted());
    if (!usable.isEmpty()) {
      String found = usable.size() + " acceptable, " + result.rejected().size() + " rejected";
      releases.select(usable.get(0), Causes.RELEASE_FOUND, found);
      return;
    }
    Duration searching = releases.searchedFor();
    if (searching.compareTo(policy.wantedTimeout()) >= 0) {
      String message = "no acceptable release found in " + searching;
      needsAttention(failures.error(Causes.NO_RELEASE, message, ActivityTypes.SEARCH));
      return;
    }
    if (firstSearch) {
      lifecycle.audit(
          Causes.WANTED,
          "no acceptable release ("
              + result.rejected().size()
              + " rejected); searching again every "
              + policy.researchInterval());
    }
    Duration wait = releases.untilNextSearch(policy.researchInterval(), policy.wantedTimeout());
    Workflow.await(wait, actions::pending);
    waited();
  }

  /** Download: add the current release, then watch it until it completes, fails or stalls. */
  private void downloadStep() {
    if (releases.current() == null) {
      releases.selectNext(Causes.RELEASE_FOUND, "no current release");
    } else if (watch.handle() == null) {
      addDownload(releases.current());
    } else {
      awaitDownload();
    }
  }

  private void addDownload(Release release) {
    DownloadHandle handle;
    try {
      String client = policy.clientFor(release.protocol());
      handle = downloads.addDownload(new AddDownloadRequest(workflowId, client, release));
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    lifecycle.audit(Causes.DOWNLOAD_ADDED, handle.client() + " " + handle.id());
    watch.added(handle);
  }

  /**
   * Waits for the download: progress from the monitor, a finished/failed webhook, an operator, or
   * the stall timeout (measured from the last real progress), then confirms with the client.
   */
  private void awaitDownload() {
    boolean woke =
        watch.awaitNews(policy.stallTimeout(), policy.queuedTimeoutOrDefault(), actions::pending);
    if (actions.pending()) {
      return;
    }
    DownloadFailed failed = watch.takeFailure();
    if (failed != null) {
      releaseFailed(failures.error(Causes.DOWNLOAD_FAILED, failed.reason(), null));
      return;
    }
    if ((watch.checkRequested() || !woke) && confirmDownload(!woke)) {
      return;
    }
    waited();
  }

  /** Asks the client itself; true when that decided the step (a transition happened). */
  private boolean confirmDownload(boolean timedOut) {
    DownloadStatus status;
    try {
      status = downloads.downloadStatus(watch.confirming());
    } catch (ActivityFailure e) {
      activityFailed(e);
      return true;
    }
    boolean progressed = watch.observe(status);
    if (status.state() == DownloadState.COMPLETED) {
      lifecycle.transition(
          RequestState.ACTIVE,
          RequestStage.PROCESS,
          Causes.DOWNLOAD_COMPLETED,
          releases.current().title());
      return true;
    }
    // Asked only for a snapshot the new rule judges differently, so other histories are unchanged.
    boolean held =
        DownloadWatch.holdsStallClock(status)
            && Workflow.getVersion(
                    DownloadWatch.QUEUED_NOT_STALLED_CHANGE,
                    Workflow.DEFAULT_VERSION,
                    DownloadWatch.QUEUED_NOT_STALLED)
                >= DownloadWatch.QUEUED_NOT_STALLED;
    if (!held) {
      watch.stopWaiting();
    } else if (watch.hold(status)) {
      lifecycle.audit(Causes.DOWNLOAD_WAITING, status.state().name() + " in " + status.client());
    }
    ErrorInfo fault =
        failures.downloadFault(status, timedOut && !progressed && !held, policy.stallTimeout());
    if (fault == null) {
      return queuedTooLong(status);
    }
    if (Causes.STALLED.equals(fault.type())) {
      metrics.stallDetected();
    }
    releaseFailed(fault);
    return true;
  }

  /**
   * Queued or paused in the client beyond the queued timeout: the request needs attention, the
   * download stays (an operator retries, skips or cancels); true when that happened.
   */
  private boolean queuedTooLong(DownloadStatus status) {
    Duration waiting = watch.waitingFor();
    if (waiting.compareTo(policy.queuedTimeoutOrDefault()) < 0) {
      return false;
    }
    String message =
        status.state().name().toLowerCase(Locale.ROOT)
            + " in "
            + status.client()
            + " for "
            + waiting
            + " (queued timeout "
            + policy.queuedTimeoutOrDefault()
            + "); the download is kept";
    needsAttention(failures.error(Causes.QUEUED_TOO_LONG, message, ActivityTypes.DOWNLOAD_STATUS));
    return true;
  }

  /** Process: verify the download, then (back through the loop first) import it. */
  private void processStep() {
    if (!media.isVerified()) {
      verify();
      return;
    }
    String imported;
    try {
      imported = media.importVerified(releases.current().quality());
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    lifecycle.transition(RequestState.ACTIVE, RequestStage.NOTIFY, Causes.IMPORTED, imported);
    sideEffects.retire(watch.handle());
  }

  private void verify() {
    boolean video;
    try {
      video = media.verify(watch.contentPath());
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    if (!video) {
      String message = "verification returned no video file";
      releaseFailed(
          failures.error(ErrorTypes.NO_VIDEO_FILE, message, ActivityTypes.VERIFY_DOWNLOAD));
    }
  }

  /** Notify: the media server, the source and the notifiers; then the request is Completed. */
  private void notifyStep() {
    sideEffects.refreshLibrary(media.libraryPath());
    if (!child) {
      // A season child leaves this to its parent, which marks all completed seasons at once.
      sideEffects.markAvailable(List.of());
      sideEffects.notifyAll(RequestEvent.COMPLETED, displayTitle + " is available in the library.");
    }
    lifecycle.transition(
        RequestState.COMPLETED, RequestStage.NOTIFY, Causes.NOTIFIED, releases.current().title());
  }

  // ---------------------------------------------------------------- releases

  /** Stalled, failed or faulty: blocklist it, remove it, and move on (or ask for help). */
  private void releaseFailed(ErrorInfo info) {
    failures.record(info);
    Release failed = releases.blocklistCurrent();
    sideEffects.remove(watch.handle(), true);
    if (releases.attempts() >= policy.maxReleaseAttempts()) {
      releases.giveUp();
      String tried = releases.attempts() + " release(s) tried; last: ";
      String last = info.type() + " (" + info.message() + ")";
      needsAttention(
          failures.error(Causes.RELEASE_ATTEMPTS_EXHAUSTED, tried + last, info.activityType()));
      return;
    }
    releases.selectNext(info.type(), "blocklisted " + failed.title() + " (" + info.message() + ")");
  }

  // ---------------------------------------------------------------- failures and attention

  private void activityFailed(ActivityFailure e) {
    RequestFailures.rethrowIfCancelled(e);
    ErrorInfo info = failures.describe(e, e.getActivityType());
    if (releases.current() != null && ErrorTypes.RELEASE_FAULTS.contains(info.type())) {
      releaseFailed(info);
    } else {
      needsAttention(info);
    }
  }

  private void needsAttention(ErrorInfo info) {
    failures.needsAttention(info);
    String where = displayTitle + " needs attention in " + lifecycle.stage().keyword();
    String what = info.type() + " - " + info.message();
    sideEffects.notifyAll(RequestEvent.NEEDS_ATTENTION, where + ": " + what);
  }

  /** NeedsAttention: wait for an operator; without one in time the request fails. */
  private void awaitOperator() {
    boolean woke = failures.awaitOperator(policy.needsAttentionTimeout(), actions::pending);
    if (actions.pending()) {
      return;
    }
    if (woke) {
      maybeContinueAsNew();
      return;
    }
    lifecycle.transition(
        RequestState.FAILED,
        lifecycle.stage(),
        Causes.ATTENTION_TIMEOUT,
        "no operator action within " + policy.needsAttentionTimeout());
    if (!child) {
      // A season child's failure is reported once, by its parent.
      ErrorInfo last = failures.last();
      String message = last == null ? "" : last.message();
      sideEffects.notifyAll(RequestEvent.FAILED, displayTitle + " failed: " + message);
    }
  }

  // ---------------------------------------------------------------- operator actions

  private void applyRetry(OperatorAction action) {
    RequestStage stage = lifecycle.stage();
    failures.attentionResolved();
    if (releases.current() == null
        && (stage == RequestStage.DOWNLOAD || stage == RequestStage.PROCESS)) {
      releases.grantFreshAttempts();
      releases.selectNext(Causes.OPERATOR_RETRY, OperatorActions.who(action));
      return;
    }
    if (stage == RequestStage.SEARCH) {
      releases.restartSearchClock();
    }
    watch.restartStallClock();
    lifecycle.transition(
        RequestState.ACTIVE, stage, Causes.OPERATOR_RETRY, OperatorActions.who(action));
  }

  private void applySkip(OperatorAction action) {
    Release skipped = releases.blocklistCurrent();
    sideEffects.remove(watch.handle(), true);
    failures.attentionResolved();
    String detail = OperatorActions.who(action) + " skipped " + skipped.title();
    releases.selectNext(Causes.OPERATOR_SKIP, detail);
  }

  private void applyChoice(OperatorAction action, Release chosen) {
    sideEffects.remove(watch.handle(), true);
    releases.unblock(chosen);
    failures.attentionResolved();
    releases.restartSearchClock();
    releases.select(chosen, Causes.OPERATOR_CHOICE, OperatorActions.who(action));
  }

  // ---------------------------------------------------------------- continue-as-new

  /** After a wait: continue as new when the history grew long, carrying what was learned. */
  private void waited() {
    waitIterations++;
    maybeContinueAsNew();
  }

  private void maybeContinueAsNew() {
    boolean tooMany =
        policy.maxWaitIterations() > 0 && waitIterations >= policy.maxWaitIterations();
    if (!tooMany && !Workflow.getInfo().isContinueAsNewSuggested()) {
      return;
    }
    // Handlers first; anything that arrives meanwhile is applied by this run, not lost.
    Workflow.await(() -> Workflow.isEveryHandlerFinished() || actions.pending() || watch.hasNews());
    if (actions.pending() || watch.hasNews()) {
      return;
    }
    lifecycle.audit(Causes.CONTINUED_AS_NEW, "after " + waitIterations + " wait(s)");
    CarryOver.Builder carry =
        CarryOver.builder()
            .appliedEventIds(appliedEvents.toList())
            .transitions(lifecycle.recent(CARRIED_TRANSITIONS))
            .state(lifecycle.state())
            .stage(lifecycle.stage());
    releases.carry(carry);
    watch.carry(carry);
    failures.carry(carry);
    Workflow.continueAsNew(input.withCarryOver(policy, carry.build()));
  }

  private void awaitHandlers() {
    Workflow.await(Workflow::isEveryHandlerFinished);
  }
}
