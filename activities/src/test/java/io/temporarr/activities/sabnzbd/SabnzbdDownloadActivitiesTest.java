package io.temporarr.activities.sabnzbd;

import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.API_KEY;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.emptyHistory;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.emptyQueue;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.activities.sabnzbd.FakeSabnzbd.Step;
import io.temporarr.activities.testing.Polls;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SabnzbdDownloadActivitiesTest {

  private static final String CLIENT = "sabnzbd";
  private static final String WORKFLOW = "media-request:seerr:42";
  private static final String NZB = "https://indexer.example/getnzb/42.nzb?apikey=redacted";
  private static final String NZB_WITH_KEY =
      "https://indexer.example/getnzb/42.nzb?apikey=INDEXERKEY";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeSabnzbd sabnzbd = new FakeSabnzbd(API_KEY, "/downloads/complete/movies");

  private SabnzbdDownloadActivities activities(String apiKey) {
    SabnzbdClient client =
        new SabnzbdClient(
            HttpClients.create(), new SabnzbdSettings(CLIENT, server.url("/"), apiKey, "movies"));
    return new SabnzbdDownloadActivities(
        Map.of(CLIENT, client),
        LinkCredentials.of(Map.of(HttpUrl.get("https://indexer.example/api"), "INDEXERKEY")));
  }

  private SabnzbdDownloadActivities activities() {
    server.setDispatcher(sabnzbd);
    return activities(API_KEY);
  }

  static Release release(String guid, String url) {
    return new Release(
        guid,
        "Dune.2021.1080p.BluRay.x264-GROUP {{pw}}",
        "nzbgeek",
        1,
        Protocol.USENET,
        url,
        null,
        4_000_000_000L,
        0,
        0,
        "2024-01-01T00:00:00Z",
        List.of(2040),
        "1080p");
  }

  private static AddDownloadRequest add(String workflowId, Release release) {
    return new AddDownloadRequest(workflowId, CLIENT, release);
  }

  @Test
  void addsTheNzbUrlWithItsIndexerKeyUnderANameThatCarriesTheWorkflow() {
    SabnzbdDownloadActivities activities = activities();

    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    assertThat(handle.client()).isEqualTo(CLIENT);
    assertThat(handle.id()).startsWith("SABnzbd_nzo_");
    HttpUrl added = sabnzbd.requests("addurl", null).get(0);
    assertThat(added.queryParameter("name")).isEqualTo(NZB_WITH_KEY);
    assertThat(added.queryParameter("cat")).isEqualTo("movies");
    String name = added.queryParameter("nzbname");
    assertThat(name)
        .isEqualTo(handle.name())
        .startsWith("tmr-" + JobNames.key(WORKFLOW, "guid-42") + "-media-hrequest-cseerr-c42 ")
        .endsWith(" Dune.2021.1080p.BluRay.x264-GROUP .pw.")
        .doesNotContain("{{");
    assertThat(JobNames.parse(name).orElseThrow().workflowId()).isEqualTo(WORKFLOW);
  }

  @Test
  void addingTheSameReleaseAgainReturnsTheJobAlreadyThere() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.downloading(10), Step.completed());

    DownloadHandle first = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));
    DownloadHandle again = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));
    activities.downloadStatus(first);
    activities.downloadStatus(first);
    DownloadHandle afterCompletion = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    assertThat(again).isEqualTo(first);
    assertThat(afterCompletion).isEqualTo(first);
    assertThat(sabnzbd.requests("addurl", null)).hasSize(1);
    HttpUrl lookup = sabnzbd.requests("queue", null).get(0);
    assertThat(lookup.queryParameter("search"))
        .isEqualTo(JobNames.tag(JobNames.key(WORKFLOW, "guid-42"), WORKFLOW));
  }

  @Test
  void anotherRequestOrReleaseGetsItsOwnJob() {
    SabnzbdDownloadActivities activities = activities();

    DownloadHandle first = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));
    DownloadHandle otherRequest =
        activities.addDownload(add("media-request:seerr:43", release("guid-42", NZB)));
    DownloadHandle otherRelease = activities.addDownload(add(WORKFLOW, release("guid-43", NZB)));

    assertThat(List.of(first.id(), otherRequest.id(), otherRelease.id())).doesNotHaveDuplicates();
  }

  @Test
  void aFailedJobOfTheSameReleaseIsAddedAnew() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.failed("URL Fetching failed; File not on server"));

    DownloadHandle first = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));
    assertThat(activities.downloadStatus(first).state()).isEqualTo(DownloadState.FAILED);
    DownloadHandle again = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    assertThat(again.id()).isNotEqualTo(first.id());
  }

  @Test
  void statusFollowsTheJobFromQueueToHistory() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.downloading(25), Step.completed());
    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    DownloadStatus downloading = activities.downloadStatus(handle);
    DownloadStatus completed = activities.downloadStatus(handle);

    assertThat(downloading.state()).isEqualTo(DownloadState.DOWNLOADING);
    assertThat(downloading.progress()).isEqualTo(0.25);
    assertThat(downloading.amountLeft()).isEqualTo(FakeSabnzbd.JOB_BYTES * 3 / 4);
    assertThat(downloading.workflowId()).isEqualTo(WORKFLOW);
    assertThat(downloading.contentPath()).isNull();
    assertThat(completed.state()).isEqualTo(DownloadState.COMPLETED);
    assertThat(completed.finished()).isTrue();
    assertThat(completed.progress()).isEqualTo(1.0);
    assertThat(completed.amountLeft()).isZero();
    assertThat(completed.contentPath()).isEqualTo(sabnzbd.storage(handle.name()));
    assertThat(completed.message()).isEqualTo("Completed");
    HttpUrl history =
        sabnzbd.requests("history", null).get(sabnzbd.requests("history", null).size() - 1);
    assertThat(history.queryParameter("nzo_ids")).isEqualTo(handle.id());
  }

  @Test
  void aFailedJobIsFailedWithSabnzbdsReason() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.failed("Repair failed, not enough repair blocks (3 short)"));
    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    DownloadStatus status = activities.downloadStatus(handle);

    assertThat(status.state()).isEqualTo(DownloadState.FAILED);
    assertThat(status.message()).isEqualTo("Repair failed, not enough repair blocks (3 short)");
    assertThat(status.contentPath()).isNull();
  }

  @Test
  void aJobListedNowhereIsMissingAfterASecondLook() {
    server.enqueue(emptyQueue());
    server.enqueue(emptyHistory());
    server.enqueue(emptyQueue());
    server.enqueue(emptyHistory());
    DownloadHandle handle = new DownloadHandle(CLIENT, "SABnzbd_nzo_gone", "gone");

    DownloadStatus status = activities(API_KEY).downloadStatus(handle);

    assertThat(status.state()).isEqualTo(DownloadState.MISSING);
    assertThat(status.name()).isEqualTo("gone");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aJobBetweenQueueAndHistoryIsFoundOnTheSecondLook() {
    server.enqueue(emptyQueue());
    server.enqueue(emptyHistory());
    server.enqueue(emptyQueue());
    server.enqueue(fixture("history.json"));

    DownloadStatus status =
        activities(API_KEY)
            .downloadStatus(new DownloadHandle(CLIENT, "SABnzbd_nzo_p86tgx", "Dune"));

    assertThat(status.state()).isEqualTo(DownloadState.COMPLETED);
  }

  @Test
  void aHandleWithoutIdIsMissingWithoutACall() {
    DownloadStatus status =
        activities(API_KEY).downloadStatus(new DownloadHandle(CLIENT, " ", "x"));

    assertThat(status.state()).isEqualTo(DownloadState.MISSING);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void removeDeletesTheOwnJobFromQueueAndHistoryAndUnknownIdsSucceed() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.downloading(50));
    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    activities.removeDownload(handle, true);
    activities.removeDownload(handle, true);
    activities.removeDownload(new DownloadHandle(CLIENT, null, "none"), true);

    assertThat(sabnzbd.jobNames()).isEmpty();
    List<HttpUrl> queueDeletes = sabnzbd.requests("queue", "delete");
    List<HttpUrl> historyDeletes = sabnzbd.requests("history", "delete");
    // The second removal finds the job gone: nothing is left to delete.
    assertThat(queueDeletes).hasSize(1);
    assertThat(historyDeletes).hasSize(1);
    assertThat(queueDeletes.get(0).queryParameter("value")).isEqualTo(handle.id());
    assertThat(queueDeletes.get(0).queryParameter("del_files")).isEqualTo("1");
    assertThat(historyDeletes.get(0).queryParameter("del_files")).isEqualTo("1");
  }

  @Test
  void aJobTemporarrDidNotAddIsNeverAdoptedNorDeleted() {
    SabnzbdDownloadActivities activities = activities();
    // The user's own job of the same NZB, and one of another request.
    String users = sabnzbd.hold("Dune.2021.1080p.BluRay.x264-GROUP", Step.completed());
    String other =
        sabnzbd.hold(
            JobNames.name(
                JobNames.key("media-request:seerr:7", "guid-42"), "media-request:seerr:7", "Dune"),
            Step.downloading(50));
    sabnzbd.plan(NZB_WITH_KEY, Step.downloading(50));
    DownloadHandle own = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    // Handles that name those jobs, however they came to: nothing of theirs is deleted.
    activities.removeDownload(new DownloadHandle(CLIENT, users, own.name()), true);
    activities.retireDownload(new DownloadHandle(CLIENT, users, own.name()));
    activities.removeDownload(new DownloadHandle(CLIENT, other, own.name()), true);
    activities.removeDownload(new DownloadHandle(CLIENT, users, "Dune"), true);

    assertThat(own.id()).isNotIn(users, other);
    assertThat(sabnzbd.requests("queue", "delete")).isEmpty();
    assertThat(sabnzbd.requests("history", "delete")).isEmpty();
    assertThat(sabnzbd.jobNames()).hasSize(3);

    activities.removeDownload(own, true);

    assertThat(sabnzbd.jobNames())
        .containsExactly(
            "Dune.2021.1080p.BluRay.x264-GROUP",
            JobNames.name(
                JobNames.key("media-request:seerr:7", "guid-42"), "media-request:seerr:7", "Dune"));
  }

  @Test
  void retireRemovesTheHistoryEntryButKeepsTheFiles() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.completed());
    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));
    activities.downloadStatus(handle);

    activities.retireDownload(handle);
    activities.retireDownload(new DownloadHandle(CLIENT, "", "none"));

    assertThat(sabnzbd.jobNames()).isEmpty();
    List<HttpUrl> deletes = sabnzbd.requests("history", "delete");
    assertThat(deletes).hasSize(1);
    assertThat(deletes.get(0).queryParameter("del_files")).isEqualTo("0");
    assertThat(sabnzbd.requests("queue", "delete")).isEmpty();
  }

  @Test
  void removeSeededHasNothingToDoAndCallsNothing() {
    assertThat(activities(API_KEY).removeSeeded(CLIENT)).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pollReportsOnlyJobsTaggedWithARequestInTwoCalls() throws Exception {
    server.enqueue(fixture("queue.json"));
    server.enqueue(fixture("history.json"));

    DownloadChanges changes = activities(API_KEY).pollDownloads(CLIENT, 0);

    assertThat(server.getRequestCount()).isEqualTo(2);
    HttpUrl queue = server.takeRequest().getUrl();
    HttpUrl history = server.takeRequest().getUrl();
    assertThat(queue.queryParameter("mode")).isEqualTo("queue");
    assertThat(queue.queryParameter("search")).isEqualTo("tmr-");
    assertThat(history.queryParameter("mode")).isEqualTo("history");
    assertThat(history.queryParameter("limit"))
        .isEqualTo(Integer.toString(SabnzbdDownloadActivities.POLLED_HISTORY));
    assertThat(changes.fullUpdate()).isTrue();
    assertThat(changes.cursor()).isPositive();
    assertThat(changes.removed()).isEmpty();
    assertThat(changes.changed())
        .extracting(DownloadStatus::id, DownloadStatus::workflowId, DownloadStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "SABnzbd_nzo_p86tgx", WORKFLOW, DownloadState.DOWNLOADING),
            org.assertj.core.groups.Tuple.tuple(
                "SABnzbd_nzo_w2kc8b", "media-request:seerr:77:s2", DownloadState.PAUSED),
            org.assertj.core.groups.Tuple.tuple(
                "SABnzbd_nzo_r3p41r", "media-request:jellyseerr:7", DownloadState.DOWNLOADING),
            org.assertj.core.groups.Tuple.tuple(
                "SABnzbd_nzo_f41l3d", "media-request:seerr:41", DownloadState.FAILED));
    DownloadStatus grabbing = changes.changed().get(1);
    assertThat(grabbing.progress()).isZero();
    DownloadStatus repairing = changes.changed().get(2);
    assertThat(repairing.progress()).isEqualTo(1.0);
    assertThat(repairing.amountLeft()).isZero();
    assertThat(repairing.message()).isEqualTo("Repairing");
    DownloadStatus failed = changes.changed().get(3);
    assertThat(failed.message()).isEqualTo("URL Fetching failed; File not on server");
    assertThat(failed.name())
        .isEqualTo("tmr-5a5a5a5a5a5a-media-hrequest-cseerr-c41 Tenet.2020.1080p.WEB")
        .doesNotContain("INDEXERKEY");
  }

  @Test
  void aContinuedPollReportsJobsThatDisappeared() {
    SabnzbdDownloadActivities activities = activities();
    sabnzbd.plan(NZB_WITH_KEY, Step.downloading(50));
    DownloadHandle handle = activities.addDownload(add(WORKFLOW, release("guid-42", NZB)));

    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    activities.removeDownload(handle, true);
    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());

    assertThat(first.changed()).extracting(DownloadStatus::id).containsExactly(handle.id());
    assertThat(second.changed()).isEmpty();
    assertThat(second.removed()).containsExactly(handle.id());
  }

  @Test
  void aContinuingPollHandsOutOnlyTheJobsThatChanged() throws Exception {
    enqueuePoll(job(1, 50), job(2, 50));
    enqueuePoll(job(1, 50), job(2, 20));
    enqueuePoll(job(1, 50), job(2, 20));
    SabnzbdDownloadActivities activities = activities(API_KEY).withMaxChangesPerPoll(2);

    List<DownloadChanges> polls = Polls.inTurn(activities, CLIENT, 0, 3);

    assertThat(polls.get(0).changed()).extracting(DownloadStatus::id).containsExactly(id(1), id(2));
    assertThat(polls.get(1).changed())
        .extracting(DownloadStatus::id, DownloadStatus::amountLeft)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id(2), 20L * 1024 * 1024));
    assertThat(polls.get(2).changed()).isEmpty();
    assertThat(polls).extracting(DownloadChanges::fullUpdate).containsExactly(true, false, false);
    assertThat(polls.get(2).cursor()).isGreaterThan(polls.get(1).cursor());
    assertThat(polls.get(1).cursor()).isGreaterThan(polls.get(0).cursor());
    assertQueueThenHistoryPerPoll(3);
  }

  @Test
  void pagesHandOutEveryJobOnceAndAStaleCursorStartsThemOver() throws Exception {
    for (int poll = 0; poll < 7; poll++) {
      enqueuePoll(job(1, 10), job(2, 20), job(3, 30), job(4, 40), job(5, 50));
    }
    SabnzbdDownloadActivities activities = activities(API_KEY).withMaxChangesPerPoll(2);

    List<DownloadChanges> lost = Polls.inTurn(activities, CLIENT, 0, 4);
    // The last result was lost: the monitor retries with the cursor it had.
    List<DownloadChanges> retried = Polls.inTurn(activities, CLIENT, lost.get(2).cursor(), 3);

    assertThat(lost).extracting(changes -> changes.changed().size()).containsExactly(2, 2, 1, 0);
    assertThat(Polls.handedOut(lost)).containsExactlyInAnyOrder(id(1), id(2), id(3), id(4), id(5));
    assertThat(retried).extracting(DownloadChanges::fullUpdate).containsExactly(true, false, false);
    assertThat(retried.get(0).cursor()).isGreaterThan(lost.get(3).cursor());
    assertThat(Polls.handedOut(retried))
        .containsExactlyInAnyOrder(id(1), id(2), id(3), id(4), id(5));
    assertQueueThenHistoryPerPoll(7);
  }

  @Test
  void aJobThatDisappearsLeavesTheQueueButNotOnAFirstPoll() throws Exception {
    enqueuePoll(job(1, 10), job(2, 20), job(3, 30));
    SabnzbdDownloadActivities activities = activities(API_KEY).withMaxChangesPerPoll(2);
    DownloadChanges first = activities.pollDownloads(CLIENT, 0);
    List<String> firstPage = first.changed().stream().map(DownloadStatus::id).toList();
    String waiting =
        List.of(id(1), id(2), id(3)).stream()
            .filter(id -> !firstPage.contains(id))
            .findFirst()
            .orElseThrow();
    int kept = Integer.parseInt(firstPage.get(0).substring("SABnzbd_nzo_".length()));
    enqueuePoll(job(kept, kept * 10));
    enqueuePoll(job(kept, kept * 10));
    enqueuePoll();

    DownloadChanges second = activities.pollDownloads(CLIENT, first.cursor());
    DownloadChanges third = activities.pollDownloads(CLIENT, second.cursor());
    // A monitor that just started polls with cursor 0: nothing of before is reported removed.
    DownloadChanges restarted = activities.pollDownloads(CLIENT, 0);

    assertThat(second.removed()).containsExactlyInAnyOrder(waiting, firstPage.get(1));
    assertThat(second.changed()).isEmpty();
    assertThat(third.changed()).isEmpty();
    assertThat(third.removed()).isEmpty();
    assertThat(restarted.changed()).isEmpty();
    assertThat(restarted.removed()).isEmpty();
    assertQueueThenHistoryPerPoll(4);
  }

  private static String id(int n) {
    return "SABnzbd_nzo_" + n;
  }

  /** A downloading job of request {@code media-request:seerr:<n>}, 100 MB large. */
  private static String job(int n, int megabytesLeft) {
    String workflow = "media-request:seerr:" + n;
    String name = JobNames.name(JobNames.key(workflow, "guid-" + n), workflow, "Movie." + n);
    return "{\"nzo_id\":\""
        + id(n)
        + "\",\"filename\":\""
        + name
        + "\",\"status\":\"Downloading\",\"mb\":\"100.00\",\"mbleft\":\""
        + megabytesLeft
        + ".00\"}";
  }

  /** One poll's answers: these jobs in the queue, an empty history. */
  private void enqueuePoll(String... jobs) {
    server.enqueue(
        SabnzbdFixtures.json("{\"queue\":{\"slots\":[" + String.join(",", jobs) + "]}}"));
    server.enqueue(emptyHistory());
  }

  private void assertQueueThenHistoryPerPoll(int polls) throws InterruptedException {
    assertThat(server.getRequestCount()).isEqualTo(2 * polls);
    for (int i = 0; i < polls; i++) {
      assertThat(server.takeRequest().getUrl().queryParameter("mode")).isEqualTo("queue");
      assertThat(server.takeRequest().getUrl().queryParameter("mode")).isEqualTo("history");
    }
  }

  @Test
  void badInputIsATypedNonRetryableFailure() {
    SabnzbdDownloadActivities activities = activities();
    Release torrent =
        new Release(
            "g",
            "t",
            "i",
            1,
            Protocol.TORRENT,
            "magnet:?xt=urn:btih:abc",
            "abc",
            1,
            1,
            0,
            null,
            List.of(),
            "1080p");

    assertType(() -> activities.addDownload(add(WORKFLOW, torrent)), ErrorTypes.INVALID_RELEASE);
    assertType(
        () -> activities.addDownload(add(WORKFLOW, release("g", "ftp://x/y.nzb"))),
        ErrorTypes.INVALID_RELEASE);
    assertType(
        () -> activities.addDownload(add(WORKFLOW, release("g", " "))), ErrorTypes.INVALID_RELEASE);
    assertType(() -> activities.addDownload(add(WORKFLOW, null)), ErrorTypes.INVALID_RELEASE);
    assertType(() -> activities.addDownload(add(" ", release("g", NZB))), ErrorTypes.BAD_REQUEST);
    assertType(() -> activities.addDownload(null), ErrorTypes.BAD_REQUEST);
    assertType(
        () -> activities.addDownload(add("media-request:" + "x".repeat(200), release("g", NZB))),
        ErrorTypes.BAD_REQUEST);
    assertType(() -> activities.pollDownloads("qbittorrent", 0), ErrorTypes.CONFIGURATION);
    assertType(() -> activities.removeSeeded(null), ErrorTypes.CONFIGURATION);
    assertThat(sabnzbd.requests).isEmpty();
  }

  @Test
  void aWrongApiKeyReachesTheWorkflowAsNonRetryableUnauthorized() {
    server.setDispatcher(sabnzbd);
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(activities("wrong-key"));
      DownloadActivities stub =
          environment.newActivityStub(
              DownloadActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      assertThatThrownBy(() -> stub.addDownload(add(WORKFLOW, release("guid-42", NZB))))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getOriginalMessage()).doesNotContain("wrong-key");
              });
    } finally {
      environment.close();
    }
  }

  /** Issue 16, item 10: SABnzbd would fetch the link from its own network. */
  @Test
  void aLinkToAPrivateOrMetadataAddressIsNeverHandedToSabnzbd() {
    SabnzbdDownloadActivities activities = activities();

    for (String link :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:8080/api?mode=shutdown",
            "http://10.0.0.5/getnzb/1.nzb",
            "http://[::1]/getnzb/1.nzb")) {
      assertType(
          () -> activities.addDownload(add(WORKFLOW, release("g", link))),
          ErrorTypes.INVALID_RELEASE);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  private static void assertType(Runnable call, String type) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }
}
