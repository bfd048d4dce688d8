package io.temporarr.activities.sabnzbd;

import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.sabnzbd.FakeSabnzbd.Step;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadMonitorInput;
import io.temporarr.workflows.download.DownloadMonitorWorkflow;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.policy.PolicyActivities;
import io.temporarr.workflows.policy.RequestPolicy;
import io.temporarr.workflows.processing.ImportResult;
import io.temporarr.workflows.processing.ImportedFile;
import io.temporarr.workflows.processing.MediaFile;
import io.temporarr.workflows.processing.ProcessingActivities;
import io.temporarr.workflows.processing.VerifiedMedia;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.internal.MediaRequestWorkflowImpl;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

/**
 * The real request workflow with the real SABnzbd activities against a SABnzbd state machine:
 * search, library, notifications and policy are mocked. Registered the way the worker registers it:
 * activity options only through {@link WorkflowImplementationOptions}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SabnzbdRequestWorkflowTest {

  private static final String CLIENT = "sabnzbd";
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final String COMPLETE = "/downloads/complete/movies";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeSabnzbd sabnzbd = new FakeSabnzbd(API_KEY, COMPLETE);
  private final SearchActivities search =
      mock(SearchActivities.class, withSettings().withoutAnnotations());
  private final ProcessingActivities processing =
      mock(ProcessingActivities.class, withSettings().withoutAnnotations());
  private final NotificationActivities notifications =
      mock(NotificationActivities.class, withSettings().withoutAnnotations());
  private final LibraryActivities library =
      mock(LibraryActivities.class, withSettings().withoutAnnotations());
  private final PolicyActivities policies =
      mock(PolicyActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    server.setDispatcher(sabnzbd);
    env = TestWorkflowEnvironment.newInstance();
    SearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    Worker worker = env.newWorker(TaskQueues.MEDIA_REQUESTS);
    worker.registerWorkflowImplementationTypes(
        options(), MediaRequestWorkflowImpl.class, DownloadMonitorWorkflowImpl.class);
    SabnzbdClient client =
        new SabnzbdClient(
            HttpClients.create(), new SabnzbdSettings(CLIENT, server.url("/"), API_KEY, "movies"));
    worker.registerActivitiesImplementations(
        new SabnzbdDownloadActivities(
            Map.of(CLIENT, client),
            LinkCredentials.of(Map.of(HttpUrl.get("https://indexer.example/"), "INDEXERKEY"))),
        search,
        processing,
        notifications,
        library,
        policies);
    // Torrents would go to qBittorrent; this request only ever sees usenet releases.
    when(policies.requestPolicy(any()))
        .thenReturn(
            new RequestPolicy(
                "qbittorrent",
                List.of("ntfy"),
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                Duration.ofDays(1),
                3,
                Duration.ofDays(7),
                true,
                100,
                Map.of(Protocol.USENET, CLIENT)));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aUsenetReleaseCompletesThroughSabnzbdAndIsImportedFromItsStorage() {
    Release dune = release("1", "Dune.2021.1080p.BluRay.x264");
    sabnzbd.plan(nzbWithKey("1"), Step.downloading(40), Step.downloading(90), Step.completed());
    when(search.search(any())).thenReturn(new SearchResult(List.of(dune), List.of()));
    givenImportFrom(COMPLETE);

    MediaRequestResult result = run();

    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    assertThat(result.release()).isEqualTo(dune.title());
    assertThat(stub.status().transitions()).noneMatch(t -> Causes.STALLED.equals(t.cause()));
    String jobName = sabnzbd.requests("addurl", null).get(0).queryParameter("nzbname");
    assertThat(JobNames.parse(jobName).orElseThrow().workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(sabnzbd.requests("addurl", null).get(0).queryParameter("name"))
        .isEqualTo(nzbWithKey("1"));
    verify(processing)
        .verifyDownload(argThat(v -> sabnzbd.storage(jobName).equals(v.contentPath())));
    // Retired after import: the history entry goes, the files stay.
    assertThat(sabnzbd.requests("history", "delete"))
        .singleElement()
        .satisfies(url -> assertThat(url.queryParameter("del_files")).isEqualTo("0"));
    assertThat(sabnzbd.jobNames()).isEmpty();
  }

  @Test
  void aFailedSabnzbdJobIsBlocklistedAndTheNextSearchsReleaseCompletes() {
    Release broken = release("1", "Dune.2021.1080p.BluRay.x264-BROKEN");
    Release good = release("2", "Dune.2021.1080p.WEB-DL.x264-GOOD");
    sabnzbd.plan(
        nzbWithKey("1"),
        Step.downloading(30),
        Step.failed("Repair failed, not enough repair blocks (3 short)"));
    sabnzbd.plan(nzbWithKey("2"), Step.downloading(50), Step.completed());
    when(search.search(any()))
        .thenReturn(new SearchResult(List.of(broken), List.of()))
        .thenReturn(new SearchResult(List.of(good), List.of()));
    givenImportFrom(COMPLETE);

    MediaRequestResult result = run();

    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    assertThat(result.release()).isEqualTo(good.title());
    // Blocklisted for SABnzbd's reason, not after waiting out the stall timeout.
    assertThat(stub.status().transitions())
        .filteredOn(t -> Causes.DOWNLOAD_FAILED.equals(t.cause()))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.detail())
                    .contains("blocklisted " + broken.title())
                    .contains("Repair failed, not enough repair blocks (3 short)"));
    assertThat(stub.status().transitions()).noneMatch(t -> Causes.STALLED.equals(t.cause()));
    assertThat(stub.status().blocklist()).containsExactly(broken.guid());
    ArgumentCaptor<SearchQuery> queries = ArgumentCaptor.forClass(SearchQuery.class);
    verify(search, times(2)).search(queries.capture());
    assertThat(queries.getAllValues().get(0).blocklist()).isEmpty();
    assertThat(queries.getAllValues().get(1).blocklist()).containsExactly(broken.guid());
    List<HttpUrl> adds = sabnzbd.requests("addurl", null);
    assertThat(adds)
        .extracting(url -> url.queryParameter("name"))
        .containsExactly(nzbWithKey("1"), nzbWithKey("2"));
    // The failed job was removed with its files; the good one retired without.
    assertThat(sabnzbd.requests("history", "delete"))
        .extracting(url -> url.queryParameter("del_files"))
        .containsExactly("1", "0");
    String goodJob = adds.get(1).queryParameter("nzbname");
    verify(processing, times(1)).verifyDownload(any());
    verify(processing)
        .verifyDownload(argThat(v -> sabnzbd.storage(goodJob).equals(v.contentPath())));
    assertThat(sabnzbd.jobNames()).isEmpty();
  }

  @Test
  void theSharedMonitorsPollsCarryTheJobToTheRequestBeforeAnyStallTimer() {
    Release dune = release("1", "Dune.2021.1080p.BluRay.x264");
    sabnzbd.plan(nzbWithKey("1"), Step.downloading(20), Step.downloading(60), Step.completed());
    when(search.search(any())).thenReturn(new SearchResult(List.of(dune), List.of()));
    givenImportFrom(COMPLETE);
    DownloadMonitorWorkflow monitor =
        env.getWorkflowClient()
            .newWorkflowStub(
                DownloadMonitorWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WorkflowIds.downloadMonitor(CLIENT))
                    .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                    .build());
    WorkflowClient.start(monitor::run, new DownloadMonitorInput(CLIENT, Duration.ofMinutes(1), 0));
    long startedAt = env.currentTimeMillis();

    MediaRequestResult result = run();

    assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
    // Woken by the monitor's signals every minute, not by the 30-minute stall timer.
    assertThat(env.currentTimeMillis() - startedAt).isLessThan(Duration.ofMinutes(30).toMillis());
    List<HttpUrl> polls =
        sabnzbd.requests("queue", null).stream()
            .filter(url -> JobNames.PREFIX.equals(url.queryParameter("search")))
            .toList();
    assertThat(polls).hasSizeGreaterThanOrEqualTo(3);
    // The request itself asked SABnzbd twice: to confirm the completion the monitor reported, and
    // to see that the job it retires is its own.
    assertThat(sabnzbd.requests("queue", null))
        .filteredOn(url -> url.queryParameter("nzo_ids") != null)
        .hasSize(2);
    String jobName = sabnzbd.requests("addurl", null).get(0).queryParameter("nzbname");
    verify(processing)
        .verifyDownload(argThat(v -> sabnzbd.storage(jobName).equals(v.contentPath())));
  }

  private MediaRequestWorkflow stub;

  private MediaRequestResult run() {
    stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                MediaRequestWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
                    .build());
    WorkflowClient.start(
        stub::run,
        MediaRequestInput.movie("seerr", "42", "Dune", 2021, 438631)
            .withRequester("alice", "corr-42", "evt-42"));
    return WorkflowStub.fromTyped(stub).getResult(MediaRequestResult.class);
  }

  private void givenImportFrom(String completeDir) {
    when(processing.verifyDownload(
            argThat(
                v ->
                    v != null
                        && v.contentPath() != null
                        && v.contentPath().startsWith(completeDir + "/"))))
        .thenAnswer(
            call -> {
              String folder =
                  call.<io.temporarr.workflows.processing.VerifyRequest>getArgument(0)
                      .contentPath();
              return new VerifiedMedia(
                  List.of(
                      new MediaFile(
                          folder + "/dune.mkv", 4_000_000_000L, 9300, "hevc", 1920, 800)));
            });
    when(processing.importMedia(any()))
        .thenAnswer(
            call -> {
              MediaFile file =
                  call.<io.temporarr.workflows.processing.ImportRequest>getArgument(0)
                      .files()
                      .get(0);
              return new ImportResult(
                  "/library/Dune (2021)",
                  List.of(
                      new ImportedFile(
                          file.path(), "/library/Dune (2021)/Dune (2021).mkv", "hardlink")));
            });
  }

  private static String nzbWithKey(String id) {
    return "https://indexer.example/getnzb/" + id + ".nzb?apikey=INDEXERKEY";
  }

  private static Release release(String id, String title) {
    return new Release(
        "https://indexer.example/details/" + id,
        title,
        "nzbgeek",
        1,
        Protocol.USENET,
        "https://indexer.example/getnzb/" + id + ".nzb?apikey=redacted",
        null,
        4_000_000_000L,
        0,
        0,
        "2024-01-01T00:00:00Z",
        List.of(2040),
        "1080p");
  }

  /** What the worker builds from its declarative config, with quick retries. */
  private static WorkflowImplementationOptions options() {
    RetryOptions quickRetries =
        RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(10))
            .setBackoffCoefficient(1.0)
            .setMaximumAttempts(3)
            .build();
    return WorkflowImplementationOptions.newBuilder()
        .setDefaultActivityOptions(
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(quickRetries)
                .build())
        .setDefaultLocalActivityOptions(
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(quickRetries)
                .build())
        .build();
  }
}
