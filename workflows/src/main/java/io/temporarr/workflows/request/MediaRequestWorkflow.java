package io.temporarr.workflows.request;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadStatus;

/**
 * One media request (ID {@code media-request:<source>:<id>}, task queue {@code media-requests}):
 * Search → Download → Process → Notify. A TV request fans out to one child per season (ID {@code
 * <parent>:s<season>}) running the same workflow type.
 */
@WorkflowInterface
public interface MediaRequestWorkflow {

  @WorkflowMethod
  MediaRequestResult run(MediaRequestInput input);

  /** Stage, state, attempts, chosen release, progress, last error and the transition audit log. */
  @QueryMethod
  RequestStatus status();

  /** From the download-client webhook. Ignored unless it matches the current download. */
  @SignalMethod
  void downloadFinished(DownloadFinished signal);

  /** From a client webhook or monitor: the current download failed. */
  @SignalMethod
  void downloadFailed(DownloadFailed signal);

  /** From the shared download monitor: a snapshot of the current download that changed. */
  @SignalMethod
  void downloadProgress(DownloadStatus status);

  /** Batch form of the operator actions below (batch signal by list query). */
  @SignalMethod
  void requestAction(RequestActionSignal signal);

  /** Operator: try again from the failed stage (NeedsAttention only). */
  @UpdateMethod
  RequestStatus retry(OperatorAction action);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(OperatorAction action);

  /** Operator: blocklist the current release and move to the next one (Download/Process). */
  @UpdateMethod
  RequestStatus skipRelease(OperatorAction action);

  @UpdateValidatorMethod(updateName = "skipRelease")
  void validateSkipRelease(OperatorAction action);

  /** Operator: use a specific release of the last search (while searching or stuck). */
  @UpdateMethod
  RequestStatus chooseRelease(ChooseRelease choice);

  @UpdateValidatorMethod(updateName = "chooseRelease")
  void validateChooseRelease(ChooseRelease choice);

  /** Operator or source (Seerr declined): cancel and compensate (remove the download). */
  @UpdateMethod
  RequestStatus cancel(OperatorAction action);

  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel(OperatorAction action);
}
