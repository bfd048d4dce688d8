package io.temporarr.workflows.request.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.workflows.TemporalTestSupport;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestSearchAttributes;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.request.Transition;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A time-skipping Temporal test environment with the request workflow registered the way the worker
 * registers it (activity options only through WorkflowImplementationOptions), mocked activities and
 * the fixtures the scenarios share.
 */
final class RequestTestEnv implements AutoCloseable {
  static final String CLIENT = "qbittorrent";
  static final Duration STALL = Duration.ofMinutes(30);

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final SearchActivities search = mock(SearchActivities.class, withSettings().withoutAnnotations());
  final DownloadActivities downloads =
      mock(DownloadActivities.class, withSettings().withoutAnnotations());
  final ProcessingActivities processing =
      mock(ProcessingActivities.class, withSettings().withoutAnnotations());
  final NotificationActivities notifications =
      mock(NotificationActivities.class, withSettings().withoutAnnotations());
  final LibraryActivities library =
      mock(LibraryActivities.class, withSettings().withoutAnnotations());
  final PolicyActivities policies =
      mock(PolicyActivities.class, withSettings().withoutAnnotations());

  RequestTestEnv() {
    this(policy());
  }

  RequestTestEnv(RequestPolicy policy) {
    env = newEnvironment();
    Worker worker = env.newWorker(TaskQueues.MEDIA_REQUESTS);
    worker.registerWorkflowImplementationTypes(
        implementationOptions(), MediaRequestWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        search, downloads, processing, notifications, library, policies);
    when(policies.requestPolicy(any())).thenReturn(policy);
    env.start();
    client = env.getWorkflowClient();
  }

  static TestWorkflowEnvironment newEnvironment() {
    return TemporalTestSupport.newEnvironment();
  }

  static WorkflowImplementationOptions implementationOptions() {
    return TemporalTestSupport.implementationOptions();
  }

  static RequestPolicy policy() {
    return policy(3, 100);
  }

  static RequestPolicy policy(int maxReleaseAttempts, int maxWaitIterations) {
    return new RequestPolicy(
        CLIENT,
        List.of("ntfy"),
        STALL,
        Duration.ofHours(1),
        Duration.ofDays(1),
        maxReleaseAttempts,
        Duration.ofDays(7),
        true,
        maxWaitIterations);
  }

  static MediaRequestInput movie(String requestId) {
    return MediaRequestInput.movie("seerr", requestId, "Dune", 2021, 438631)
        .withRequester("alice", "corr-" + requestId, "evt-start-" + requestId);
  }

  static String movieId(String requestId) {
    return "media-request:seerr:" + requestId;
  }

  static Release release(String name, String hash) {
    return new Release(
        "guid-" + name,
        name,
        "indexer-a",
        1,
        Protocol.TORRENT,
        "magnet:?xt=urn:btih:" + hash + "&tr=https://tracker.example/announce/passkey",
        hash,
        4_000_000_000L,
        50,
        2,
        "2024-01-01T00:00:00Z",
        List.of(2040),
        "1080p");
  }

  static DownloadHandle handle(Release release) {
    return new DownloadHandle(CLIENT, release.infoHash(), release.title());
  }

  static String contentPath(Release release) {
    return "/downloads/" + release.title();
  }

  static DownloadStatus status(
      Release release, String workflowId, DownloadState state, double progress) {
    return new DownloadStatus(
        CLIENT,
        release.infoHash(),
        workflowId,
        release.title(),
        state,
        progress,
        Math.round((1 - progress) * release.sizeBytes()),
        contentPath(release),
        "/downloads",
        null);
  }

  /** addDownload returns the release's handle. */
  void givenAdded(Release release) {
    when(downloads.addDownload(argThat(r -> r != null && release.equals(r.release()))))
        .thenReturn(handle(release));
  }

  /** Added, reported complete by the client, verified and imported. */
  void givenDownloadCompletes(Release release, String workflowId) {
    givenAdded(release);
    when(downloads.downloadStatus(eq(handle(release))))
        .thenReturn(status(release, workflowId, DownloadState.COMPLETED, 1.0));
    givenVerifies(release);
  }

  void givenVerifies(Release release) {
    MediaFile file =
        new MediaFile(contentPath(release) + "/movie.mkv", 4_000_000_000L, 9300, "hevc", 1920, 800);
    when(processing.verifyDownload(
            argThat(v -> v != null && contentPath(release).equals(v.contentPath()))))
        .thenReturn(new VerifiedMedia(List.of(file)));
    when(processing.importMedia(
            argThat(i -> i != null && i.files().contains(file) && i.quality() != null)))
        .thenReturn(
            new ImportResult(
                "/library/Dune (2021)",
                List.of(
                    new ImportedFile(
                        file.path(), "/library/Dune (2021)/Dune (2021).mkv", "hardlink"))));
  }

  MediaRequestWorkflow start(MediaRequestInput input, String workflowId) {
    return start(input, WorkflowOptions.newBuilder().setWorkflowId(workflowId));
  }

  /** Starts the request as the gateway does: its search attributes set at start. */
  MediaRequestWorkflow startWithAttributes(MediaRequestInput input, String workflowId) {
    return start(
        input,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTypedSearchAttributes(RequestSearchAttributes.atStart(input)));
  }

  private MediaRequestWorkflow start(MediaRequestInput input, WorkflowOptions.Builder options) {
    MediaRequestWorkflow stub =
        client.newWorkflowStub(
            MediaRequestWorkflow.class, options.setTaskQueue(TaskQueues.MEDIA_REQUESTS).build());
    WorkflowClient.start(stub::run, input);
    return stub;
  }

  /** The names of the search attributes each upsert of the workflow's history wrote, in order. */
  List<java.util.Set<String>> upserts(String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(e -> e.hasUpsertWorkflowSearchAttributesEventAttributes())
        .map(
            e ->
                (java.util.Set<String>)
                    new java.util.TreeSet<>(
                        e.getUpsertWorkflowSearchAttributesEventAttributes()
                            .getSearchAttributes()
                            .getIndexedFieldsMap()
                            .keySet()))
        .toList();
  }

  /** The change IDs of the version markers in {@code events}, in order. */
  static List<String> versionChanges(List<io.temporal.api.history.v1.HistoryEvent> events) {
    return TemporalTestSupport.versionChanges(events);
  }

  /** Blocks until the workflow closes; timers are skipped meanwhile. */
  static MediaRequestResult result(MediaRequestWorkflow stub) {
    return WorkflowStub.fromTyped(stub).getResult(MediaRequestResult.class);
  }

  static RequestStatus awaitStatus(MediaRequestWorkflow stub, Predicate<RequestStatus> condition) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions() // e.g. a child that is not started yet
        .until(stub::status, condition::test);
  }

  static <T> T searchAttribute(MediaRequestWorkflow stub, SearchAttributeKey<T> key) {
    return WorkflowStub.fromTyped(stub).describe().getTypedSearchAttributes().get(key);
  }

  /** Workflow time from the request's start to the first transition with this cause. */
  static Duration elapsed(RequestStatus status, String cause) {
    Instant start = Instant.parse(status.transitions().get(0).at());
    return status.transitions().stream()
        .filter(tr -> tr.cause().equals(cause))
        .findFirst()
        .map(tr -> Duration.between(start, Instant.parse(tr.at())))
        .orElseThrow();
  }

  static List<String> causes(RequestStatus status) {
    return status.transitions().stream().map(Transition::cause).toList();
  }

  @Override
  public void close() {
    env.close();
  }
}
