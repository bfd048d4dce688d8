package io.temporarr.workflows.download;

import io.temporal.client.WorkflowException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The shared monitor of one download client: one {@code pollDownloads} per interval whatever the
 * number of downloads, and a {@code downloadProgress} signal only to the request workflows whose
 * download changed since the last signal. A download two requests share comes as one snapshot per
 * request, and each request is told of its changes on its own.
 */
public class DownloadMonitorWorkflowImpl implements DownloadMonitorWorkflow {

  /**
   * Polls per run before continuing as new. Each poll adds a timer, an activity and its signals to
   * the history; 200 keeps a run's history in the low thousands of events.
   */
  static final int POLLS_PER_RUN = 200;

  /**
   * Downloads whose last sent snapshots are remembered (oldest dropped): bounded however many
   * torrents the client has.
   */
  static final int REMEMBERED_DOWNLOADS = 1000;

  /**
   * Polls between two seeding-goal checks: goals are hours or days, so a check every ten polls is
   * timely and keeps the monitor's calls per interval constant.
   */
  static final int SEEDING_CHECK_EVERY = 10;

  static final String REMOVE_SEEDED_CHANGE = "remove-seeded-downloads";

  static final int REMOVE_SEEDED = 1;

  /**
   * Snapshots remembered per download and request. Before, one snapshot per download was
   * remembered, whichever request it went to; the two differ only once a download has had a
   * snapshot sent to another request, which is where the version is asked.
   */
  static final String SHARED_DOWNLOADS_CHANGE = "shared-downloads";

  static final int SHARED_DOWNLOADS = 1;

  private static final Logger log = Workflow.getLogger(DownloadMonitorWorkflowImpl.class);

  private final DownloadActivities downloads = Workflow.newActivityStub(DownloadActivities.class);

  /** Per download, the last snapshot sent to each request, the most recently sent last. */
  private final Map<String, Map<String, DownloadStatus>> lastSent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, DownloadStatus>> eldest) {
          return size() > REMEMBERED_DOWNLOADS;
        }
      };

  @Override
  public void run(DownloadMonitorInput input) {
    if (input == null
        || input.client() == null
        || input.pollInterval() == null
        || input.pollInterval().compareTo(Duration.ZERO) <= 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a monitor needs a client and a positive poll interval", ErrorTypes.CONFIGURATION);
    }
    long cursor = input.cursor();
    for (int polls = 0;
        polls < POLLS_PER_RUN && !Workflow.getInfo().isContinueAsNewSuggested();
        polls++) {
      cursor = pollOnce(input.client(), cursor);
      if (polls % SEEDING_CHECK_EVERY == 0) {
        removeSeeded(input.client());
      }
      Workflow.sleep(input.pollInterval());
    }
    Workflow.continueAsNew(new DownloadMonitorInput(input.client(), input.pollInterval(), cursor));
  }

  /**
   * Lets the client remove imported downloads whose seeding goals are met. Added after the first
   * monitor histories were recorded, hence the version marker.
   */
  private void removeSeeded(String client) {
    int version =
        Workflow.getVersion(REMOVE_SEEDED_CHANGE, Workflow.DEFAULT_VERSION, REMOVE_SEEDED);
    if (version < REMOVE_SEEDED) {
      return;
    }
    try {
      List<String> removed = downloads.removeSeeded(client);
      if (!removed.isEmpty()) {
        log.info(
            "removed {} download(s) of {} that met their seeding goals", removed.size(), client);
      }
    } catch (ActivityFailure e) {
      // Nothing is lost by waiting: the downloads keep seeding until the next check.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.warn("seeding check of download client {} failed: {}", client, cause.getMessage());
    }
  }

  /** One poll and its signals; returns the cursor for the next poll. */
  private long pollOnce(String client, long cursor) {
    DownloadChanges changes;
    try {
      changes = downloads.pollDownloads(client, cursor);
    } catch (ActivityFailure e) {
      // The client may be down for a while: keep the cursor and try again next interval.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.warn("poll of download client {} failed: {}", client, cause.getMessage());
      return cursor;
    }
    changes.removed().forEach(lastSent::remove);
    List<DownloadStatus> signalled = new ArrayList<>();
    List<Promise<Void>> sent = new ArrayList<>();
    for (DownloadStatus status : changes.changed()) {
      if (!WorkflowIds.isMediaRequest(status.workflowId()) || alreadySent(status)) {
        continue;
      }
      MediaRequestWorkflow request =
          Workflow.newExternalWorkflowStub(MediaRequestWorkflow.class, status.workflowId());
      signalled.add(status);
      sent.add(Async.procedure(request::downloadProgress, status));
    }
    for (int i = 0; i < sent.size(); i++) {
      DownloadStatus status = signalled.get(i);
      try {
        sent.get(i).get();
      } catch (WorkflowException | TemporalFailure e) {
        // The request closed (or never existed): nothing to tell, and no reason to stop.
        log.info("progress of {} not delivered to {}", status.id(), status.workflowId(), e);
      }
      // Remembered either way, so an unchanged snapshot is not sent again next interval.
      Map<String, DownloadStatus> remembered =
          lastSent.computeIfAbsent(status.id(), id -> new LinkedHashMap<>());
      remembered.remove(status.workflowId()); // the most recently sent last
      remembered.put(status.workflowId(), status);
    }
    return changes.cursor();
  }

  /** True when this request was last sent this very snapshot of the download. */
  private boolean alreadySent(DownloadStatus status) {
    Map<String, DownloadStatus> sent = lastSent.get(status.id());
    if (sent == null) {
      return false;
    }
    DownloadStatus latest = null;
    for (DownloadStatus each : sent.values()) {
      latest = each;
    }
    if (status.workflowId().equals(latest.workflowId())
        || Workflow.getVersion(SHARED_DOWNLOADS_CHANGE, Workflow.DEFAULT_VERSION, SHARED_DOWNLOADS)
            < SHARED_DOWNLOADS) {
      // Runs from before the change compared with the download's latest snapshot only.
      return status.equals(latest);
    }
    return status.equals(sent.get(status.workflowId()));
  }
}
