package io.temporarr.workflows.request.internal;

import io.temporal.workflow.Workflow;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.request.CarryOver;
import io.temporarr.workflows.request.DownloadProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The current download as the request sees it: the handle, the last snapshot, the stall clock (from
 * the last real progress), the waiting clock (since the client began to hold the download back:
 * queued or paused), and the hints that say the client should be asked now (a finished or failed
 * webhook, a final snapshot from the monitor). Hints for a download not registered yet are kept
 * until it is: webhooks and the monitor can report a torrent before addDownload returns.
 */
final class DownloadWatch {

  /** Finished-download hints kept for downloads not registered yet (out-of-order webhooks). */
  static final int EARLY_FINISHED_HINTS = 20;

  /**
   * Progress snapshots kept for downloads not registered yet: the monitor can poll a torrent before
   * addDownload returns and never resends an unchanged snapshot.
   */
  static final int EARLY_PROGRESS_SNAPSHOTS = 20;

  /**
   * Change id of applying a progress snapshot that arrived before its download was registered
   * ({@link #added}): runs that dropped such a snapshot replay without applying it.
   */
  static final String EARLY_PROGRESS_CHANGE = "early-download-progress";

  static final int EARLY_PROGRESS = 1;

  /**
   * Change id of judging stalls only while the client downloads: a queued or paused download stops
   * the stall clock and runs the waiting clock (bounded by the queued timeout), post-processing
   * counts as progress. Runs that judged every frozen snapshot as a stall replay without it.
   */
  static final String QUEUED_NOT_STALLED_CHANGE = "queued-not-stalled";

  static final int QUEUED_NOT_STALLED = 1;

  private final Supplier<Instant> clock;
  private final Map<String, DownloadFinished> earlyFinished = new LinkedHashMap<>();
  private final Map<String, DownloadStatus> earlyProgress = new LinkedHashMap<>();
  private DownloadHandle download;
  private DownloadStatus lastDownload;
  private Instant lastProgressAt;
  private Instant waitingSince;
  private String finishedContentPath;
  private boolean checkDownload;
  private DownloadFailed failedSignal;
  private int progressSignals;

  DownloadWatch(Supplier<Instant> clock, CarryOver carry) {
    this.clock = clock;
    if (carry != null) {
      download = carry.download();
      lastDownload = carry.lastDownload();
      lastProgressAt = WorkflowClock.parse(carry.lastProgressAt());
      waitingSince = WorkflowClock.parse(carry.waitingSince());
    }
  }

  DownloadHandle handle() {
    return download;
  }

  /** A continued run that carried a download without a stall clock starts one now. */
  void resumeStallClock() {
    if (download != null && lastProgressAt == null) {
      lastProgressAt = clock.get();
    }
  }

  /** An operator retried: the download gets a full stall timeout (and queued timeout) again. */
  void restartStallClock() {
    if (download != null) {
      lastProgressAt = clock.get();
    }
    waitingSince = null;
  }

  /** The webhook says a download finished; the current one is then confirmed with the client. */
  void finished(DownloadFinished signal) {
    if (isCurrent(signal.infoHash())) {
      checkDownload = true;
      finishedContentPath = signal.contentPath();
      return;
    }
    // Out of order: the client can finish (and call the webhook) before addDownload returns.
    keepEarly(earlyFinished, signal.infoHash(), signal, EARLY_FINISHED_HINTS);
  }

  void failed(DownloadFailed signal) {
    if (isCurrent(signal.infoHash())) {
      failedSignal = signal;
    }
  }

  void progress(DownloadStatus snapshot) {
    if (snapshot == null || snapshot.id() == null) {
      return;
    }
    if (isCurrent(snapshot.id())) {
      applyProgress(snapshot);
    } else {
      // Out of order: the monitor can report a torrent before addDownload returns.
      keepEarly(earlyProgress, snapshot.id(), snapshot, EARLY_PROGRESS_SNAPSHOTS);
    }
  }

  /** The client accepted the download: the stall clock starts and early hints for it apply. */
  void added(DownloadHandle handle) {
    download = handle;
    lastProgressAt = clock.get();
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
   * Waits for news of the download (a hint, a failure, new progress) or for {@code interrupt},
   * until the stall timeout runs out, measured from the last real progress, or, while the client
   * holds the download back, the queued timeout, measured from when it began to.
   *
   * @return false when a timeout ran out
   */
  boolean awaitNews(Duration stallTimeout, Duration queuedTimeout, BooleanSupplier interrupt) {
    Instant now = clock.get();
    Duration remaining = stallTimeout.minus(Duration.between(lastProgressAt, now));
    if (waitingSince != null) {
      Duration queued = queuedTimeout.minus(Duration.between(waitingSince, now));
      remaining = queued.compareTo(remaining) < 0 ? queued : remaining;
    }
    int seen = progressSignals;
    return remaining.compareTo(Duration.ZERO) > 0
        && Workflow.await(
            remaining,
            () ->
                checkDownload
                    || failedSignal != null
                    || interrupt.getAsBoolean()
                    || progressSignals != seen);
  }

  /** True while a hint or a failure waits to be handled (continue-as-new waits for it). */
  boolean hasNews() {
    return checkDownload || failedSignal != null;
  }

  boolean checkRequested() {
    return checkDownload;
  }

  /** The failure a signal reported, handed over once; null when none. */
  DownloadFailed takeFailure() {
    DownloadFailed failed = failedSignal;
    failedSignal = null;
    return failed;
  }

  /** The handle to ask the client about; the pending hint is answered by that. */
  DownloadHandle confirming() {
    checkDownload = false;
    return download;
  }

  /** Records a snapshot; true when it shows progress compared to the last one known. */
  boolean observe(DownloadStatus snapshot) {
    boolean progressed =
        lastDownload == null
            ? snapshot.progress() > 0
            : snapshot.progress() != lastDownload.progress()
                || snapshot.amountLeft() != lastDownload.amountLeft();
    lastDownload = snapshot;
    if (progressed) {
      lastProgressAt = clock.get();
    }
    return progressed;
  }

  /**
   * True when this snapshot says the client holds the download back (queued, paused) or works on
   * bytes it already has (post-processing: every byte present, not complete yet): no stall then.
   */
  static boolean holdsStallClock(DownloadStatus snapshot) {
    return isWaiting(snapshot.state())
        || (snapshot.state() == DownloadState.DOWNLOADING
            && snapshot.amountLeft() == 0
            && snapshot.progress() >= 1.0);
  }

  private static boolean isWaiting(DownloadState state) {
    return state == DownloadState.QUEUED || state == DownloadState.PAUSED;
  }

  /**
   * Applies a confirmed snapshot that {@link #holdsStallClock holds the stall clock} when stalls
   * are judged only while the client downloads ({@link #QUEUED_NOT_STALLED_CHANGE}): the stall
   * clock restarts (the download gets a full stall timeout once it moves again); a queued or paused
   * snapshot starts the waiting clock, post-processing stops it.
   *
   * @return true when the download just began to wait (queued or paused)
   */
  boolean hold(DownloadStatus snapshot) {
    Instant now = clock.get();
    lastProgressAt = now;
    if (!isWaiting(snapshot.state())) {
      waitingSince = null;
      return false;
    }
    boolean began = waitingSince == null;
    if (began) {
      waitingSince = now;
    }
    return began;
  }

  /** The client downloads again (or never held the download back): the waiting clock stops. */
  void stopWaiting() {
    waitingSince = null;
  }

  /** How long the client has held the download back (queued, paused); zero when it does not. */
  Duration waitingFor() {
    return waitingSince == null ? Duration.ZERO : Duration.between(waitingSince, clock.get());
  }

  /** Where the finished download's files are: the client's own report first, else the webhook's. */
  String contentPath() {
    return lastDownload != null && lastDownload.contentPath() != null
        ? lastDownload.contentPath()
        : finishedContentPath;
  }

  /** Forgets the download (another release is tried, or none is left). */
  void clear() {
    download = null;
    lastDownload = null;
    lastProgressAt = null;
    waitingSince = null;
    checkDownload = false;
    failedSignal = null;
    finishedContentPath = null;
  }

  /** The download was removed on cancel; its last snapshot stays visible. */
  void removed() {
    download = null;
  }

  /** What the status query shows of the download, or null when there is none. */
  DownloadProgress status() {
    String updatedAt = WorkflowClock.iso(lastProgressAt);
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

  void carry(CarryOver.Builder carry) {
    carry
        .download(download)
        .lastDownload(lastDownload)
        .lastProgressAt(WorkflowClock.iso(lastProgressAt))
        .waitingSince(WorkflowClock.iso(waitingSince));
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

  private boolean isCurrent(String id) {
    return download != null && id != null && id.equalsIgnoreCase(download.id());
  }

  /** Keeps the latest early value per download id, dropping the first-seen ids beyond the limit. */
  private static <T> void keepEarly(Map<String, T> early, String id, T value, int limit) {
    early.put(id.toLowerCase(Locale.ROOT), value);
    while (early.size() > limit) {
      early.remove(early.keySet().iterator().next());
    }
  }
}
