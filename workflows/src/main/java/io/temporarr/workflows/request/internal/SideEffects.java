package io.temporarr.workflows.request.internal;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.library.LibraryActivities;
import io.temporarr.workflows.library.LibraryRefresh;
import io.temporarr.workflows.library.SourceUpdate;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.request.Causes;
import io.temporarr.workflows.request.MediaRequestInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a request tells or tidies up outside itself without depending on it: notifications, the
 * media server and the request's source, removing or retiring a download. A failure is recorded in
 * the audit log (and as the last error), never thrown, so it cannot fail the request.
 */
final class SideEffects {

  /** Change id of the retire-after-import step ({@link #retire}). */
  static final String RETIRE_IMPORTED_CHANGE = "retire-imported-download";

  static final int RETIRE_IMPORTED = 1;

  private final NotificationActivities notifications;
  private final LibraryActivities library;
  private final DownloadActivities downloads;
  private final MediaRequestInput input;
  private final String workflowId;
  private final Supplier<List<String>> notifiers;
  private final RequestLifecycle lifecycle;
  private final RequestFailures failures;
  private final RequestMetrics metrics;

  SideEffects(
      NotificationActivities notifications,
      LibraryActivities library,
      DownloadActivities downloads,
      MediaRequestInput input,
      String workflowId,
      Supplier<List<String>> notifiers,
      RequestLifecycle lifecycle,
      RequestFailures failures,
      RequestMetrics metrics) {
    this.notifications = notifications;
    this.library = library;
    this.downloads = downloads;
    this.input = input;
    this.workflowId = workflowId;
    this.notifiers = notifiers;
    this.lifecycle = lifecycle;
    this.failures = failures;
    this.metrics = metrics;
  }

  /** The title as people read it: "Dune (2021)", "Severance (2022) S01". */
  static String displayTitle(MediaRequestInput input) {
    StringBuilder title = new StringBuilder(input.title());
    if (input.year() != null) {
      title.append(" (").append(input.year()).append(')');
    }
    if (input.season() != null) {
      title.append(String.format(Locale.ROOT, " S%02d", input.season()));
    }
    return title.toString();
  }

  /** One activity per notifier, in parallel: a failing notifier is recorded, never fatal. */
  void notifyAll(RequestEvent event, String message) {
    List<String> to = notifiers.get();
    if (to.isEmpty()) {
      return;
    }
    // Random but replay-safe: stable across the activity's retries, new per occurrence.
    Notification notification =
        new Notification(
            workflowId + ":" + event.name().toLowerCase(Locale.ROOT) + ":" + Workflow.randomUUID(),
            event,
            workflowId,
            displayTitle(input),
            message,
            input.correlationId() == null ? workflowId : input.correlationId());
    List<Promise<Void>> sent = new ArrayList<>();
    for (String notifier : to) {
      sent.add(Async.procedure(notifications::sendNotification, notifier, notification));
    }
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get();
      } catch (ActivityFailure e) {
        metrics.notifierFailed(to.get(i));
        failures.sideEffectFailed(Causes.NOTIFIER_FAILED, to.get(i), e);
      }
    }
  }

  /** Tells the media server to scan the library path; nothing to do without one. */
  void refreshLibrary(String libraryPath) {
    if (libraryPath == null) {
      return;
    }
    try {
      library.refreshLibrary(new LibraryRefresh(workflowId, libraryPath));
    } catch (ActivityFailure e) {
      failures.sideEffectFailed(Causes.LIBRARY_UPDATE_FAILED, "refresh library", e);
    }
  }

  /** Tells the request's source the media (these seasons of it) is available. */
  void markAvailable(List<Integer> completedSeasons) {
    try {
      library.markAvailable(
          new SourceUpdate(
              input.source(), input.sourceRequestId(), input.mediaType(), completedSeasons));
    } catch (ActivityFailure e) {
      failures.sideEffectFailed(Causes.LIBRARY_UPDATE_FAILED, "mark available", e);
    }
  }

  /** Removes the download from its client, if there is one. */
  void remove(DownloadHandle handle, boolean deleteFiles) {
    if (handle == null) {
      return;
    }
    try {
      downloads.removeDownload(handle, deleteFiles);
      lifecycle.audit(
          Causes.DOWNLOAD_REMOVED, handle.id() + (deleteFiles ? " with its files" : ""));
    } catch (ActivityFailure e) {
      failures.sideEffectFailed(Causes.REMOVE_FAILED, "remove " + handle.id(), e);
    }
  }

  /**
   * Hands the imported download back to its client's seeding rules. Added after the first histories
   * were recorded, hence the version marker: runs that imported before it replay without the call.
   */
  void retire(DownloadHandle download) {
    int version =
        Workflow.getVersion(RETIRE_IMPORTED_CHANGE, Workflow.DEFAULT_VERSION, RETIRE_IMPORTED);
    if (version < RETIRE_IMPORTED || download == null) {
      return;
    }
    try {
      downloads.retireDownload(download);
      lifecycle.audit(Causes.DOWNLOAD_RETIRED, download.client() + " " + download.id());
    } catch (ActivityFailure e) {
      failures.sideEffectFailed(Causes.REMOVE_FAILED, "retire " + download.id(), e);
    }
  }
}
