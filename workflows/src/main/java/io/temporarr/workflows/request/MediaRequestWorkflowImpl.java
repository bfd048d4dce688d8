package io.temporarr.workflows.request;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporarr.workflows.common.ActivityTypes;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.notify.LibraryActivities;
import io.temporarr.workflows.notify.LibraryRefresh;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.notify.SourceUpdate;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.processing.ImportRequest;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.processing.VerifyRequest;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * One media request driven through {@link RequestLifecycle}: every stage step ends in a guarded
 * transition, and the main loop applies queued operator actions between steps. A TV request with
 * seasons fans out to one child per season instead.
 *
 * <p>Activity options are not set here: the worker registers this class with {@code
 * WorkflowImplementationOptions} built from the declarative per-activity-type configuration.
 */
public class MediaRequestWorkflowImpl implements MediaRequestWorkflow {

  /** Event ids remembered for de-duplication; repeats arrive within minutes (webhook retries). */
  static final int APPLIED_EVENT_IDS = 200;

  /** Audit entries handed to a continuation: enough context, bounded payload. */
  static final int CARRIED_TRANSITIONS = 50;

  /** Releases kept from a search: more than any sane maxReleaseAttempts, bounded payload. */
  static final int KEPT_RELEASES = 50;

  /** Finished-download hints kept for downloads not registered yet (out-of-order webhooks). */
  static final int EARLY_FINISHED_HINTS = 20;

  /**
   * Progress snapshots kept for downloads not registered yet: the monitor can poll a torrent before
   * addDownload returns and never resends an unchanged snapshot.
   */
  static final int EARLY_PROGRESS_SNAPSHOTS = 20;

  /** Change id of the retire-after-import step ({@link #retireImported}). */
  static final String RETIRE_IMPORTED_CHANGE = "retire-imported-download";

  static final int RETIRE_IMPORTED = 1;

  /**
   * Change id of applying a progress snapshot that arrived before its download was registered
   * ({@link #addDownload}): runs that dropped such a snapshot replay without applying it.
   */
  static final String EARLY_PROGRESS_CHANGE = "early-download-progress";

  static final int EARLY_PROGRESS = 1;

  /**
   * Change id of upserting only search attributes that differ from the run's own ({@link
   * RequestSearchAttributes}): runs that upserted every attribute at start and at each transition
   * replay doing so.
   */
  static final String CHANGED_ATTRIBUTES_CHANGE = "upsert-changed-search-attributes";

  static final int CHANGED_ATTRIBUTES = 1;

  // Replay-safe: the SDK's workflow logger stays silent while a worker replays history.
  private static final Logger log = Workflow.getLogger(MediaRequestWorkflowImpl.class);

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
  private final boolean parent;
  private final boolean child;
  private final RequestLifecycle lifecycle;
  private final RequestMetrics metrics;
  private final AppliedEvents appliedEvents;
  private final Set<String> blocklist = new LinkedHashSet<>();
  private final Deque<PendingAction> actions = new ArrayDeque<>();
  private final Map<String, DownloadFinished> earlyFinished = new LinkedHashMap<>();
  private final Map<String, DownloadStatus> earlyProgress = new LinkedHashMap<>();
  private final Map<Integer, SeasonStatus> seasons = new TreeMap<>();
  private final List<String> importedFiles = new ArrayList<>();

  private RequestPolicy policy;
  private CancellationScope mainScope;
  private OperatorAction cancelAction;
  private long actionsQueued;
  private long actionsApplied;

  private List<Release> lastSearch = List.of();
  private Release currentRelease;
  private int releaseAttempts;
  private DownloadHandle download;
  private DownloadStatus lastDownload;
  private String finishedContentPath;
  private boolean checkDownload;

  /** Upsert only changed search attributes ({@link #CHANGED_ATTRIBUTES_CHANGE}); set by run(). */
  private boolean changedAttributesOnly;

  private DownloadFailed failedSignal;
  private int progressSignals;
  private VerifiedMedia verified;
  private String libraryPath;
  private Instant searchingSince;
  private Instant lastProgressAt;
  private Instant attentionSince;
  private ErrorInfo lastError;
  private int waitIterations;

  @WorkflowInit
  public MediaRequestWorkflowImpl(MediaRequestInput input) {
    this.input = input;
    this.workflowId = Workflow.getInfo().getWorkflowId();
    this.parent =
        input.mediaType() == MediaType.TV && input.season() == null && !input.seasons().isEmpty();
    this.child = input.season() != null;
    this.policy = input.policy();
    CarryOver carry = input.carryOver();
    if (carry == null) {
      appliedEvents =
          new AppliedEvents(
              APPLIED_EVENT_IDS, input.eventId() == null ? List.of() : List.of(input.eventId()));
      metrics = new RequestMetrics(Workflow::getMetricsScope, List.of());
      lifecycle = RequestLifecycle.fresh(parent, this::now, this::changed);
      return;
    }
    appliedEvents = new AppliedEvents(APPLIED_EVENT_IDS, carry.appliedEventIds());
    metrics = new RequestMetrics(Workflow::getMetricsScope, carry.transitions());
    lifecycle =
        RequestLifecycle.resume(
            carry.state() == null ? RequestState.ACTIVE : carry.state(),
            carry.stage() == null ? RequestStage.SEARCH : carry.stage(),
            carry.transitions(),
            parent,
            this::now,
            this::changed);
    blocklist.addAll(carry.blocklist());
    releaseAttempts = carry.releaseAttempts();
    lastSearch = carry.lastSearch();
    currentRelease = carry.currentRelease();
    download = carry.download();
    lastDownload = carry.lastDownload();
    searchingSince = parse(carry.searchingSince());
    lastProgressAt = parse(carry.lastProgressAt());
    attentionSince = parse(carry.attentionSince());
    lastError = carry.lastError();
  }

  @Override
  public MediaRequestResult run(MediaRequestInput ignored) {
    if (input.mediaType() == null || input.title() == null || input.title().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a request needs a media type and a title", ErrorTypes.BAD_REQUEST);
    }
    changedAttributesOnly =
        Workflow.getVersion(CHANGED_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, CHANGED_ATTRIBUTES)
            >= CHANGED_ATTRIBUTES;
    upsertRequestAttributes();
    if (input.carryOver() == null) {
      lifecycle.begin(
          input.mediaType().keyword() + " " + displayTitle() + " from " + input.source());
    }
    try {
      if (policy == null) {
        policy = readPolicy();
      }
      mainScope = Workflow.newCancellationScope(parent ? this::runSeasons : this::runPipeline);
      if (cancelAction != null) {
        mainScope.cancel();
      }
      mainScope.run();
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(this::compensate).run();
      if (cancelAction == null) {
        // Cancelled through Temporal (client, parent): close as Canceled once handlers are done.
        Workflow.newDetachedCancellationScope(this::awaitHandlers).run();
        throw e;
      }
    }
    awaitHandlers();
    return new MediaRequestResult(
        workflowId,
        lifecycle.state(),
        currentRelease == null ? null : currentRelease.title(),
        importedFiles);
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
        releaseAttempts,
        redacted(currentRelease),
        progress(),
        lastError,
        List.copyOf(blocklist),
        List.copyOf(seasons.values()),
        lifecycle.transitions());
  }

  @Override
  public void downloadFinished(DownloadFinished signal) {
    if (signal == null || signal.infoHash() == null || !appliedEvents.add(signal.eventId())) {
      return;
    }
    if (isCurrentDownload(signal.infoHash())) {
      checkDownload = true;
      finishedContentPath = signal.contentPath();
      return;
    }
    // Out of order: the client can finish (and call the webhook) before addDownload returns.
    keepEarly(earlyFinished, signal.infoHash(), signal, EARLY_FINISHED_HINTS);
  }

  @Override
  public void downloadFailed(DownloadFailed signal) {
    if (signal == null || !appliedEvents.add(signal.eventId())) {
      return;
    }
    if (isCurrentDownload(signal.infoHash())) {
      failedSignal = signal;
    }
  }

  @Override
  public void downloadProgress(DownloadStatus snapshot) {
    if (snapshot == null || snapshot.id() == null) {
      return;
    }
    if (isCurrentDownload(snapshot.id())) {
      applyProgress(snapshot);
    } else {
      // Out of order: the monitor can report a torrent before addDownload returns.
      keepEarly(earlyProgress, snapshot.id(), snapshot, EARLY_PROGRESS_SNAPSHOTS);
    }
  }

  /** Keeps the latest early value per download id, dropping the first-seen ids beyond the limit. */
  private static <T> void keepEarly(Map<String, T> early, String id, T value, int limit) {
    early.put(id.toLowerCase(Locale.ROOT), value);
    while (early.size() > limit) {
      early.remove(early.keySet().iterator().next());
    }
  }

  private void applyProgress(DownloadStatus snapshot) {
    if (snapshot.state() == DownloadState.COMPLETED
        || snapshot.state() == DownloadState.FAILED
        || snapshot.state() == DownloadState.MISSING) {
      checkDownload = true;
    }
    if (observe(snapshot)) {
      progressSignals++;
    }
  }

  @Override
  public void requestAction(RequestActionSignal signal) {
    if (signal == null || signal.kind() == null) {
      return;
    }
    OperatorAction action =
        signal.action() == null ? new OperatorAction(null, null, null) : signal.action();
    if (!appliedEvents.add(action.eventId())) {
      return;
    }
    String rejection =
        switch (signal.kind()) {
          case RETRY -> retryRejection();
          case SKIP_RELEASE -> skipRejection();
          case CANCEL -> cancelRejection();
        };
    if (rejection != null) {
      lifecycle.audit(
          Causes.ACTION_REJECTED, signal.kind() + " by " + who(action) + ": " + rejection);
      return;
    }
    switch (signal.kind()) {
      case RETRY -> enqueue(Op.RETRY, action, null);
      case SKIP_RELEASE -> enqueue(Op.SKIP, action, null);
      case CANCEL -> requestCancel(action);
    }
  }

  @Override
  public RequestStatus retry(OperatorAction action) {
    return enqueueAndWait(Op.RETRY, action, null);
  }

  @Override
  public void validateRetry(OperatorAction action) {
    if (!isRepeat(action)) {
      reject(retryRejection());
    }
  }

  @Override
  public RequestStatus skipRelease(OperatorAction action) {
    return enqueueAndWait(Op.SKIP, action, null);
  }

  @Override
  public void validateSkipRelease(OperatorAction action) {
    if (!isRepeat(action)) {
      reject(skipRejection());
    }
  }

  @Override
  public RequestStatus chooseRelease(ChooseRelease choice) {
    return enqueueAndWait(
        Op.CHOOSE,
        new OperatorAction(choice.eventId(), choice.actor(), "chose " + choice.releaseKey()),
        choice.releaseKey());
  }

  @Override
  public void validateChooseRelease(ChooseRelease choice) {
    if (choice == null) {
      throw new IllegalArgumentException("a choice is required");
    }
    if (appliedEvents.contains(choice.eventId())) {
      return;
    }
    if (choice.releaseKey() == null || findRelease(choice.releaseKey()) == null) {
      throw new IllegalArgumentException(
          "releaseKey must be the guid or infohash of a release of the last search");
    }
    reject(chooseRejection(choice.releaseKey()));
  }

  @Override
  public RequestStatus cancel(OperatorAction action) {
    if (!appliedEvents.add(eventId(action))) {
      return status();
    }
    requestCancel(action == null ? new OperatorAction(null, null, null) : action);
    Workflow.await(lifecycle::isFinal);
    return status();
  }

  @Override
  public void validateCancel(OperatorAction action) {
    if (!isRepeat(action)) {
      reject(cancelRejection());
    }
  }

  // ---------------------------------------------------------------- the pipeline

  private void runPipeline() {
    if (input.carryOver() == null && !child) {
      notifyAll(RequestEvent.STARTED, "Request received; searching for a release.");
    }
    if (lifecycle.state() == RequestState.NEEDS_ATTENTION && attentionSince == null) {
      attentionSince = now();
    }
    if (download != null && lastProgressAt == null) {
      lastProgressAt = now();
    }
    while (!lifecycle.isFinal()) {
      PendingAction action = actions.poll();
      if (action != null) {
        apply(action);
      } else if (lifecycle.state() == RequestState.NEEDS_ATTENTION) {
        awaitOperator();
      } else {
        switch (lifecycle.stage()) {
          case SEARCH -> searchStep();
          case DOWNLOAD -> downloadStep();
          case PROCESS -> processStep();
          case NOTIFY -> notifyStep();
        }
      }
    }
  }

  private void searchStep() {
    boolean firstSearch = searchingSince == null;
    if (firstSearch) {
      searchingSince = now();
    }
    SearchResult result;
    try {
      result =
          search.search(
              new SearchQuery(
                  workflowId,
                  input.mediaType(),
                  input.title(),
                  input.year(),
                  input.tmdbId(),
                  input.imdbId(),
                  input.tvdbId(),
                  input.season(),
                  List.copyOf(blocklist),
                  input.runtimeMinutes()));
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    List<Release> usable =
        result.accepted().stream()
            .filter(r -> !blocklist.contains(r.blocklistKey()))
            .limit(KEPT_RELEASES)
            .toList();
    if (!usable.isEmpty()) {
      lastSearch = usable;
      searchingSince = null;
      select(
          usable.get(0),
          Causes.RELEASE_FOUND,
          usable.size() + " acceptable, " + result.rejected().size() + " rejected");
      return;
    }
    Duration searching = Duration.between(searchingSince, now());
    if (searching.compareTo(policy.wantedTimeout()) >= 0) {
      needsAttention(
          error(
              Causes.NO_RELEASE,
              "no acceptable release found in " + searching,
              ActivityTypes.SEARCH));
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
    Duration untilGivingUp = policy.wantedTimeout().minus(searching);
    Workflow.await(min(policy.researchInterval(), untilGivingUp), () -> !actions.isEmpty());
    waitIterations++;
    maybeContinueAsNew();
  }

  private void downloadStep() {
    if (currentRelease == null) {
      selectNext(Causes.RELEASE_FOUND, "no current release");
    } else if (download == null) {
      addDownload();
    } else {
      awaitDownload();
    }
  }

  private void addDownload() {
    DownloadHandle handle;
    try {
      handle =
          downloads.addDownload(
              new AddDownloadRequest(
                  workflowId, policy.clientFor(currentRelease.protocol()), currentRelease));
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    download = handle;
    lastProgressAt = now();
    lifecycle.audit(Causes.DOWNLOAD_ADDED, handle.client() + " " + handle.id());
    String key = handle.id().toLowerCase(Locale.ROOT);
    DownloadFinished early = earlyFinished.remove(key);
    if (early != null) {
      checkDownload = true;
      finishedContentPath = early.contentPath();
    }
    // The version is asked only when there is a snapshot to apply, so other histories are
    // unchanged.
    DownloadStatus snapshot = earlyProgress.remove(key);
    if (snapshot != null
        && Workflow.getVersion(EARLY_PROGRESS_CHANGE, Workflow.DEFAULT_VERSION, EARLY_PROGRESS)
            >= EARLY_PROGRESS) {
      applyProgress(snapshot);
    }
  }

  /**
   * Waits for the download: progress from the monitor, a finished/failed webhook, an operator, or
   * the stall timeout (measured from the last real progress), then confirms with the client.
   */
  private void awaitDownload() {
    Duration remaining = policy.stallTimeout().minus(Duration.between(lastProgressAt, now()));
    int seen = progressSignals;
    boolean woke =
        remaining.compareTo(Duration.ZERO) > 0
            && Workflow.await(
                remaining,
                () ->
                    checkDownload
                        || failedSignal != null
                        || !actions.isEmpty()
                        || progressSignals != seen);
    if (!actions.isEmpty()) {
      return;
    }
    if (failedSignal != null) {
      DownloadFailed failed = failedSignal;
      failedSignal = null;
      releaseFailed(error(Causes.DOWNLOAD_FAILED, failed.reason(), null));
      return;
    }
    if ((checkDownload || !woke) && confirmDownload(!woke)) {
      return;
    }
    waitIterations++;
    maybeContinueAsNew();
  }

  /** Asks the client itself; true when that decided the step (a transition happened). */
  private boolean confirmDownload(boolean timedOut) {
    checkDownload = false;
    DownloadStatus status;
    try {
      status = downloads.downloadStatus(download);
    } catch (ActivityFailure e) {
      activityFailed(e);
      return true;
    }
    boolean progressed = observe(status);
    switch (status.state()) {
      case COMPLETED -> {
        lifecycle.transition(
            RequestState.ACTIVE,
            RequestStage.PROCESS,
            Causes.DOWNLOAD_COMPLETED,
            currentRelease.title());
        return true;
      }
      case FAILED -> {
        releaseFailed(
            error(
                Causes.DOWNLOAD_FAILED,
                status.message() == null ? "the client reports an error" : status.message(),
                ActivityTypes.DOWNLOAD_STATUS));
        return true;
      }
      case MISSING -> {
        releaseFailed(
            error(
                Causes.DOWNLOAD_MISSING,
                "the download client no longer has the download",
                ActivityTypes.DOWNLOAD_STATUS));
        return true;
      }
      default -> {
        if (timedOut && !progressed) {
          metrics.stallDetected();
          releaseFailed(
              error(
                  Causes.STALLED,
                  String.format(
                      Locale.ROOT,
                      "no progress for %s (at %.1f%%)",
                      policy.stallTimeout(),
                      status.progress() * 100),
                  ActivityTypes.DOWNLOAD_STATUS));
          return true;
        }
        return false;
      }
    }
  }

  private void processStep() {
    if (verified == null) {
      String contentPath =
          lastDownload != null && lastDownload.contentPath() != null
              ? lastDownload.contentPath()
              : finishedContentPath;
      VerifiedMedia media;
      try {
        media =
            processing.verifyDownload(
                new VerifyRequest(workflowId, contentPath, input.runtimeMinutes()));
      } catch (ActivityFailure e) {
        activityFailed(e);
        return;
      }
      if (media.files().isEmpty()) {
        releaseFailed(
            error(
                ErrorTypes.NO_VIDEO_FILE,
                "verification returned no video file",
                ActivityTypes.VERIFY_DOWNLOAD));
        return;
      }
      // Back to the loop first: an operator action that arrived meanwhile applies before import.
      verified = media;
      return;
    }
    ImportResult result;
    try {
      result =
          processing.importMedia(
              new ImportRequest(
                  workflowId,
                  input.mediaType(),
                  input.title(),
                  input.year(),
                  input.season(),
                  currentRelease.quality(),
                  verified.files()));
    } catch (ActivityFailure e) {
      activityFailed(e);
      return;
    }
    libraryPath = result.libraryPath();
    importedFiles.clear();
    result.files().stream().map(ImportedFile::target).forEach(importedFiles::add);
    lifecycle.transition(
        RequestState.ACTIVE,
        RequestStage.NOTIFY,
        Causes.IMPORTED,
        importedFiles.size() + " file(s) into " + libraryPath);
    retireImported();
  }

  private void notifyStep() {
    if (libraryPath != null) {
      try {
        library.refreshLibrary(new LibraryRefresh(workflowId, libraryPath));
      } catch (ActivityFailure e) {
        sideEffectFailed(Causes.LIBRARY_UPDATE_FAILED, "refresh library", e);
      }
    }
    if (!child) {
      // A season child leaves this to its parent, which marks all completed seasons at once.
      markAvailable(List.of());
      notifyAll(RequestEvent.COMPLETED, displayTitle() + " is available in the library.");
    }
    lifecycle.transition(
        RequestState.COMPLETED, RequestStage.NOTIFY, Causes.NOTIFIED, currentRelease.title());
  }

  // ---------------------------------------------------------------- TV: one child per season

  private void runSeasons() {
    List<Integer> numbers = input.seasons().stream().distinct().sorted().toList();
    if (input.carryOver() == null) {
      notifyAll(RequestEvent.STARTED, "Request received for season(s) " + numbers + ".");
    }
    List<Promise<Void>> ended = new ArrayList<>();
    for (int season : numbers) {
      String childId = WorkflowIds.season(workflowId, season);
      MediaRequestInput seasonInput = input.forSeason(season, policy);
      ChildWorkflowOptions.Builder options =
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(childId)
              .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
              // Cancelling the parent waits for each child's compensation (download removed).
              .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED);
      if (changedAttributesOnly) {
        // Listable at once, and the child has nothing to upsert until its first transition.
        options.setTypedSearchAttributes(RequestSearchAttributes.atStart(seasonInput));
      }
      MediaRequestWorkflow seasonRequest =
          Workflow.newChildWorkflowStub(MediaRequestWorkflow.class, options.build());
      seasons.put(season, new SeasonStatus(season, childId, RequestState.ACTIVE));
      ended.add(
          Async.function(seasonRequest::run, seasonInput)
              .handle(
                  (result, failure) -> {
                    seasonEnded(season, childId, result, failure);
                    return null;
                  }));
    }
    lifecycle.audit(Causes.SEASONS_STARTED, "season(s) " + numbers);
    Promise.allOf(ended).get();
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("request cancelled");
    }
    List<Integer> completed =
        seasons.values().stream()
            .filter(s -> s.state() == RequestState.COMPLETED)
            .map(SeasonStatus::season)
            .toList();
    lifecycle.transition(
        RequestState.ACTIVE, RequestStage.NOTIFY, Causes.SEASONS_FINISHED, seasonSummary());
    if (!completed.isEmpty()) {
      markAvailable(completed);
    }
    if (completed.size() == numbers.size()) {
      notifyAll(
          RequestEvent.COMPLETED,
          displayTitle() + " season(s) " + completed + " are available in the library.");
      lifecycle.transition(
          RequestState.COMPLETED, RequestStage.NOTIFY, Causes.NOTIFIED, seasonSummary());
    } else {
      lifecycle.transition(
          RequestState.FAILED, RequestStage.NOTIFY, Causes.SEASONS_INCOMPLETE, seasonSummary());
      notifyAll(RequestEvent.FAILED, displayTitle() + " is incomplete: " + seasonSummary() + ".");
    }
  }

  private void seasonEnded(
      int season, String childId, MediaRequestResult result, RuntimeException failure) {
    RequestState state;
    if (result != null) {
      state = result.state();
      importedFiles.addAll(result.importedFiles());
    } else {
      state = isCancellation(failure) ? RequestState.CANCELLED : RequestState.FAILED;
      if (state == RequestState.FAILED) {
        lastError = describe(failure, null);
      }
    }
    seasons.put(season, new SeasonStatus(season, childId, state));
  }

  private String seasonSummary() {
    return seasons.values().stream()
        .map(s -> "S" + s.season() + " " + s.state().keyword())
        .collect(Collectors.joining(", "));
  }

  // ---------------------------------------------------------------- releases

  private void select(Release release, String cause, String detail) {
    clearDownload();
    currentRelease = release;
    releaseAttempts++;
    lifecycle.transition(
        RequestState.ACTIVE, RequestStage.DOWNLOAD, cause, detail + "; trying " + release.title());
  }

  /** Next untried release of the last search, or back to Search when none is left. */
  private void selectNext(String cause, String detail) {
    Release next =
        lastSearch.stream()
            .filter(r -> !blocklist.contains(r.blocklistKey()))
            .findFirst()
            .orElse(null);
    if (next != null) {
      select(next, cause, detail);
      return;
    }
    clearDownload();
    currentRelease = null;
    searchingSince = null;
    lifecycle.transition(
        RequestState.ACTIVE,
        RequestStage.SEARCH,
        cause,
        detail + "; no untried release left, searching again");
  }

  /** Stalled, failed or faulty: blocklist it, remove it, and move on (or ask for help). */
  private void releaseFailed(ErrorInfo info) {
    lastError = info;
    Release failed = currentRelease;
    blocklist.add(failed.blocklistKey());
    if (download != null) {
      removeQuietly(download, true);
    }
    String detail = "blocklisted " + failed.title();
    if (releaseAttempts >= policy.maxReleaseAttempts()) {
      clearDownload();
      currentRelease = null;
      needsAttention(
          error(
              Causes.RELEASE_ATTEMPTS_EXHAUSTED,
              releaseAttempts
                  + " release(s) tried; last: "
                  + info.type()
                  + " ("
                  + info.message()
                  + ")",
              info.activityType()));
      return;
    }
    selectNext(info.type(), detail + " (" + info.message() + ")");
  }

  private void clearDownload() {
    download = null;
    lastDownload = null;
    lastProgressAt = null;
    checkDownload = false;
    failedSignal = null;
    finishedContentPath = null;
    verified = null;
  }

  /**
   * Hands the imported download back to its client's seeding rules. Added after the first histories
   * were recorded, hence the version marker: runs that imported before it replay without the call.
   */
  private void retireImported() {
    int version =
        Workflow.getVersion(RETIRE_IMPORTED_CHANGE, Workflow.DEFAULT_VERSION, RETIRE_IMPORTED);
    if (version < RETIRE_IMPORTED || download == null) {
      return;
    }
    try {
      downloads.retireDownload(download);
      lifecycle.audit(Causes.DOWNLOAD_RETIRED, download.client() + " " + download.id());
    } catch (ActivityFailure e) {
      sideEffectFailed(Causes.REMOVE_FAILED, "retire " + download.id(), e);
    }
  }

  private void removeQuietly(DownloadHandle handle, boolean deleteFiles) {
    try {
      downloads.removeDownload(handle, deleteFiles);
      lifecycle.audit(
          Causes.DOWNLOAD_REMOVED, handle.id() + (deleteFiles ? " with its files" : ""));
    } catch (ActivityFailure e) {
      sideEffectFailed(Causes.REMOVE_FAILED, "remove " + handle.id(), e);
    }
  }

  private boolean isCurrentDownload(String id) {
    return download != null && id != null && id.equalsIgnoreCase(download.id());
  }

  /** Records a snapshot; true when it shows progress compared to the last one known. */
  private boolean observe(DownloadStatus snapshot) {
    boolean progressed =
        lastDownload == null
            ? snapshot.progress() > 0
            : snapshot.progress() != lastDownload.progress()
                || snapshot.amountLeft() != lastDownload.amountLeft();
    lastDownload = snapshot;
    if (progressed) {
      lastProgressAt = now();
    }
    return progressed;
  }

  private Release findRelease(String key) {
    return lastSearch.stream()
        .filter(r -> key.equals(r.guid()) || key.equalsIgnoreCase(r.infoHash()))
        .findFirst()
        .orElse(null);
  }

  // ---------------------------------------------------------------- failures and attention

  private void activityFailed(ActivityFailure e) {
    rethrowIfCancelled(e);
    ErrorInfo info = describe(e, e.getActivityType());
    if (currentRelease != null && ErrorTypes.RELEASE_FAULTS.contains(info.type())) {
      releaseFailed(info);
    } else {
      needsAttention(info);
    }
  }

  private void needsAttention(ErrorInfo info) {
    lastError = info;
    attentionSince = now();
    lifecycle.transition(
        RequestState.NEEDS_ATTENTION, lifecycle.stage(), info.type(), info.message());
    notifyAll(
        RequestEvent.NEEDS_ATTENTION,
        displayTitle()
            + " needs attention in "
            + lifecycle.stage().keyword()
            + ": "
            + info.type()
            + " - "
            + info.message());
  }

  private void awaitOperator() {
    Duration remaining =
        policy.needsAttentionTimeout().minus(Duration.between(attentionSince, now()));
    boolean woke =
        remaining.compareTo(Duration.ZERO) > 0
            && Workflow.await(
                remaining,
                () -> !actions.isEmpty() || Workflow.getInfo().isContinueAsNewSuggested());
    if (!actions.isEmpty()) {
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
      notifyAll(
          RequestEvent.FAILED,
          displayTitle() + " failed: " + (lastError == null ? "" : lastError.message()));
    }
  }

  /** A side effect that must not fail the request (notifier, library, removal): record it. */
  private void sideEffectFailed(String cause, String what, ActivityFailure e) {
    rethrowIfCancelled(e);
    ErrorInfo info = describe(e, e.getActivityType());
    if (lifecycle.state() != RequestState.NEEDS_ATTENTION) {
      lastError = info; // keep the error an operator has to act on
    }
    lifecycle.audit(cause, what + ": " + info.type() + " - " + info.message());
  }

  private ErrorInfo describe(RuntimeException failure, String activityType) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String type;
    String message;
    if (cause instanceof ApplicationFailure application) {
      type = application.getType();
      message = application.getOriginalMessage();
    } else if (cause instanceof TimeoutFailure timeout) {
      type = timeout.getTimeoutType().name();
      message = timeout.getOriginalMessage();
    } else if (cause instanceof TemporalFailure temporal) {
      type = temporal.getClass().getSimpleName();
      message = temporal.getOriginalMessage();
    } else {
      type = cause.getClass().getSimpleName();
      message = cause.getMessage();
    }
    return error(type, message, activityType);
  }

  private ErrorInfo error(String type, String message, String activityType) {
    RequestStage stage = lifecycle.stage();
    boolean same =
        lastError != null
            && lastError.stage() == stage
            && Objects.equals(type, lastError.type())
            && Objects.equals(activityType, lastError.activityType());
    return new ErrorInfo(
        now().toString(), stage, type, message, activityType, same ? lastError.attempts() + 1 : 1);
  }

  private static void rethrowIfCancelled(TemporalFailure e) {
    if (e.getCause() instanceof CanceledFailure cancelled) {
      throw cancelled;
    }
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("request cancelled");
    }
  }

  private static boolean isCancellation(RuntimeException failure) {
    return failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure;
  }

  // ---------------------------------------------------------------- operator actions

  private enum Op {
    RETRY,
    SKIP,
    CHOOSE
  }

  private record PendingAction(long seq, Op op, OperatorAction action, String releaseKey) {}

  private long enqueue(Op op, OperatorAction action, String releaseKey) {
    long seq = ++actionsQueued;
    actions.add(new PendingAction(seq, op, action, releaseKey));
    return seq;
  }

  /** Updates answer once the main loop has applied the action, so the caller sees its effect. */
  private RequestStatus enqueueAndWait(Op op, OperatorAction action, String releaseKey) {
    OperatorAction a = action == null ? new OperatorAction(null, null, null) : action;
    if (!appliedEvents.add(a.eventId())) {
      return status();
    }
    long seq = enqueue(op, a, releaseKey);
    Workflow.await(() -> actionsApplied >= seq || lifecycle.isFinal());
    return status();
  }

  private void apply(PendingAction pending) {
    try {
      String rejection =
          switch (pending.op()) {
            case RETRY -> retryRejection();
            case SKIP -> skipRejection();
            case CHOOSE -> chooseRejection(pending.releaseKey());
          };
      if (rejection != null) {
        lifecycle.audit(
            Causes.ACTION_IGNORED,
            pending.op() + " by " + who(pending.action()) + ": " + rejection);
        return;
      }
      switch (pending.op()) {
        case RETRY -> applyRetry(pending.action());
        case SKIP -> applySkip(pending.action());
        case CHOOSE -> applyChoice(pending.action(), findRelease(pending.releaseKey()));
      }
    } finally {
      actionsApplied = pending.seq();
    }
  }

  private void applyRetry(OperatorAction action) {
    RequestStage stage = lifecycle.stage();
    attentionSince = null;
    if (currentRelease == null
        && (stage == RequestStage.DOWNLOAD || stage == RequestStage.PROCESS)) {
      // Every release allowed was tried: the operator grants a fresh set of attempts.
      releaseAttempts = 0;
      selectNext(Causes.OPERATOR_RETRY, who(action));
      return;
    }
    if (stage == RequestStage.SEARCH) {
      searchingSince = null;
    }
    if (download != null) {
      lastProgressAt = now();
    }
    lifecycle.transition(RequestState.ACTIVE, stage, Causes.OPERATOR_RETRY, who(action));
  }

  private void applySkip(OperatorAction action) {
    Release skipped = currentRelease;
    blocklist.add(skipped.blocklistKey());
    if (download != null) {
      removeQuietly(download, true);
    }
    attentionSince = null;
    selectNext(Causes.OPERATOR_SKIP, who(action) + " skipped " + skipped.title());
  }

  private void applyChoice(OperatorAction action, Release chosen) {
    if (download != null) {
      removeQuietly(download, true);
    }
    blocklist.remove(chosen.blocklistKey());
    attentionSince = null;
    searchingSince = null;
    select(chosen, Causes.OPERATOR_CHOICE, who(action));
  }

  private String retryRejection() {
    return lifecycle.state() == RequestState.NEEDS_ATTENTION
        ? null
        : "retry is only possible in NeedsAttention, the request is " + lifecycle.state().keyword();
  }

  private String skipRejection() {
    if (lifecycle.isFinal()) {
      return "the request is " + lifecycle.state().keyword();
    }
    boolean releaseStage =
        lifecycle.stage() == RequestStage.DOWNLOAD || lifecycle.stage() == RequestStage.PROCESS;
    return currentRelease != null && releaseStage ? null : "there is no current release to skip";
  }

  private String chooseRejection(String releaseKey) {
    if (lifecycle.isFinal()) {
      return "the request is " + lifecycle.state().keyword();
    }
    if (lifecycle.stage() == RequestStage.NOTIFY) {
      return "the media is already imported";
    }
    Release chosen = releaseKey == null ? null : findRelease(releaseKey);
    if (chosen == null) {
      return "no release " + releaseKey + " in the last search";
    }
    return chosen.equals(currentRelease) ? "that release is already the current one" : null;
  }

  private String cancelRejection() {
    return lifecycle.isFinal() ? "the request is already " + lifecycle.state().keyword() : null;
  }

  private boolean isRepeat(OperatorAction action) {
    return appliedEvents.contains(eventId(action));
  }

  private static void reject(String rejection) {
    if (rejection != null) {
      throw new IllegalStateException(rejection);
    }
  }

  private static String eventId(OperatorAction action) {
    return action == null ? null : action.eventId();
  }

  private static String who(OperatorAction action) {
    String actor = action.actor() == null ? "unknown" : action.actor();
    return action.reason() == null ? actor : actor + " (" + action.reason() + ")";
  }

  // ---------------------------------------------------------------- cancellation

  private void requestCancel(OperatorAction action) {
    if (cancelAction == null) {
      cancelAction = action;
    }
    if (mainScope != null) {
      mainScope.cancel();
    }
  }

  /** Runs in a detached scope: the request is cancelled, its clean-up must still run. */
  private void compensate() {
    if (download != null) {
      boolean deleteFiles = policy != null && policy.deleteFilesOnCancel();
      removeQuietly(download, deleteFiles);
      download = null;
    }
    if (!lifecycle.isFinal()) {
      lifecycle.transition(
          RequestState.CANCELLED,
          lifecycle.stage(),
          cancelAction == null ? Causes.WORKFLOW_CANCELLED : Causes.OPERATOR_CANCEL,
          cancelAction == null ? "cancel requested through Temporal" : who(cancelAction));
    }
  }

  // ---------------------------------------------------------------- continue-as-new

  private void maybeContinueAsNew() {
    boolean tooMany =
        policy.maxWaitIterations() > 0 && waitIterations >= policy.maxWaitIterations();
    if (!tooMany && !Workflow.getInfo().isContinueAsNewSuggested()) {
      return;
    }
    // Handlers first; anything that arrives meanwhile is applied by this run, not lost.
    Workflow.await(
        () ->
            Workflow.isEveryHandlerFinished()
                || !actions.isEmpty()
                || checkDownload
                || failedSignal != null);
    if (!actions.isEmpty() || checkDownload || failedSignal != null) {
      return;
    }
    lifecycle.audit(Causes.CONTINUED_AS_NEW, "after " + waitIterations + " wait(s)");
    Workflow.continueAsNew(
        input.withCarryOver(
            policy,
            new CarryOver(
                List.copyOf(blocklist),
                releaseAttempts,
                appliedEvents.toList(),
                lifecycle.recent(CARRIED_TRANSITIONS),
                iso(searchingSince),
                lifecycle.state(),
                lifecycle.stage(),
                lastSearch,
                currentRelease,
                download,
                lastDownload,
                iso(lastProgressAt),
                iso(attentionSince),
                lastError)));
  }

  private void awaitHandlers() {
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  // ---------------------------------------------------------------- side effects and helpers

  private RequestPolicy readPolicy() {
    RequestPolicy read;
    try {
      read = policies.requestPolicy(input.mediaType());
    } catch (ActivityFailure e) {
      rethrowIfCancelled(e);
      // Fails the workflow task, not the request: it is retried until the worker is fixed.
      throw new IllegalStateException("request policy unavailable: " + e.getMessage(), e);
    }
    List<String> problems = RequestPolicies.problems(read);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid request policy: " + problems);
    }
    return read;
  }

  private void markAvailable(List<Integer> completedSeasons) {
    try {
      library.markAvailable(
          new SourceUpdate(
              input.source(), input.sourceRequestId(), input.mediaType(), completedSeasons));
    } catch (ActivityFailure e) {
      sideEffectFailed(Causes.LIBRARY_UPDATE_FAILED, "mark available", e);
    }
  }

  /** One activity per notifier, in parallel: a failing notifier is recorded, never fatal. */
  private void notifyAll(RequestEvent event, String message) {
    List<String> notifiers = policy.notifiers();
    if (notifiers.isEmpty()) {
      return;
    }
    // Random but replay-safe: stable across the activity's retries, new per occurrence.
    Notification notification =
        new Notification(
            workflowId + ":" + event.name().toLowerCase(Locale.ROOT) + ":" + Workflow.randomUUID(),
            event,
            workflowId,
            displayTitle(),
            message,
            input.correlationId() == null ? workflowId : input.correlationId());
    List<Promise<Void>> sent = new ArrayList<>();
    for (String notifier : notifiers) {
      sent.add(Async.procedure(notifications::sendNotification, notifier, notification));
    }
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get();
      } catch (ActivityFailure e) {
        metrics.notifierFailed(notifiers.get(i));
        sideEffectFailed(Causes.NOTIFIER_FAILED, notifiers.get(i), e);
      }
    }
  }

  private void upsertRequestAttributes() {
    upsert(
        RequestSearchAttributes.of(
            input, lifecycle.state(), lifecycle.stage(), changedAttributesOnly()));
  }

  /** Every state or stage change: search attributes, one log line, metrics. */
  private void changed(Transition t) {
    upsertState();
    log.info(
        "request {} {}/{} -> {}/{} cause={}",
        workflowId,
        t.fromState() == null ? "-" : t.fromState().keyword(),
        t.fromStage() == null ? "-" : t.fromStage().keyword(),
        t.toState().keyword(),
        t.toStage().keyword(),
        t.cause());
    metrics.transitioned(t);
  }

  private void upsertState() {
    upsert(
        RequestSearchAttributes.state(
            lifecycle.state(), lifecycle.stage(), changedAttributesOnly()));
  }

  /**
   * The run's current search attributes when only changes are upserted (set by run() behind {@link
   * #CHANGED_ATTRIBUTES_CHANGE}), else null: every value is written, as runs before the change did.
   */
  private io.temporal.common.SearchAttributes changedAttributesOnly() {
    return changedAttributesOnly ? Workflow.getTypedSearchAttributes() : null;
  }

  private static void upsert(List<SearchAttributeUpdate<?>> updates) {
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }

  private DownloadProgress progress() {
    String updatedAt = iso(lastProgressAt);
    if (lastDownload != null) {
      return new DownloadProgress(
          lastDownload.client(),
          lastDownload.id(),
          lastDownload.state() == null ? null : lastDownload.state().name(),
          lastDownload.progress(),
          lastDownload.amountLeft(),
          updatedAt);
    }
    if (download != null) {
      return new DownloadProgress(
          download.client(), download.id(), DownloadState.QUEUED.name(), 0, -1, updatedAt);
    }
    return null;
  }

  /** Download URLs can carry indexer API keys or tracker passkeys: never in a query answer. */
  private static Release redacted(Release release) {
    if (release == null) {
      return null;
    }
    return new Release(
        release.guid(),
        release.title(),
        release.indexer(),
        release.indexerPriority(),
        release.protocol(),
        null,
        release.infoHash(),
        release.sizeBytes(),
        release.seeders(),
        release.leechers(),
        release.publishedAt(),
        release.categories(),
        release.quality());
  }

  private String displayTitle() {
    StringBuilder title = new StringBuilder(input.title());
    if (input.year() != null) {
      title.append(" (").append(input.year()).append(')');
    }
    if (input.season() != null) {
      title.append(String.format(Locale.ROOT, " S%02d", input.season()));
    }
    return title.toString();
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant parse(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
