package io.temporarr.gateway;

import io.temporal.workflow.Workflow;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for the request workflow: waits until cancelled, records every run it executes
 * and every download signal it receives, and refuses {@code retry} / {@code skipRelease} the way a
 * request that does not need attention would.
 */
public class FakeMediaRequestWorkflow implements MediaRequestWorkflow {
  /** Workflow ID → IDs of the runs that executed (a set, so replays do not count twice). */
  static final Map<String, Set<String>> RUNS = new ConcurrentHashMap<>();

  static final String NOT_NEEDING_ATTENTION =
      "only a request that needs attention can be retried or skipped";

  private MediaRequestInput input;
  private boolean cancelled;
  private final List<DownloadFinished> finished = new ArrayList<>();

  @Override
  public MediaRequestResult run(MediaRequestInput input) {
    this.input = input;
    RUNS.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> ConcurrentHashMap.newKeySet())
        .add(Workflow.getInfo().getRunId());
    Workflow.await(() -> cancelled);
    return new MediaRequestResult(
        Workflow.getInfo().getWorkflowId(), RequestState.CANCELLED, null, List.of());
  }

  @Override
  public RequestStatus status() {
    return new RequestStatus(
        Workflow.getInfo().getWorkflowId(),
        input == null ? null : input.mediaType(),
        input == null ? null : input.title(),
        null,
        cancelled ? RequestState.CANCELLED : RequestState.ACTIVE,
        finished.isEmpty() ? RequestStage.SEARCH : RequestStage.PROCESS,
        0,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of());
  }

  @Override
  public void downloadFinished(DownloadFinished signal) {
    finished.add(signal);
  }

  @Override
  public void downloadFailed(DownloadFailed signal) {}

  @Override
  public void downloadProgress(DownloadStatus status) {}

  @Override
  public void requestAction(RequestActionSignal signal) {}

  @Override
  public RequestStatus retry(OperatorAction action) {
    return status();
  }

  @Override
  public void validateRetry(OperatorAction action) {
    throw new IllegalStateException(NOT_NEEDING_ATTENTION);
  }

  @Override
  public RequestStatus skipRelease(OperatorAction action) {
    return status();
  }

  @Override
  public void validateSkipRelease(OperatorAction action) {
    throw new IllegalStateException(NOT_NEEDING_ATTENTION);
  }

  @Override
  public RequestStatus chooseRelease(ChooseRelease choice) {
    return status();
  }

  @Override
  public void validateChooseRelease(ChooseRelease choice) {
    throw new IllegalStateException(NOT_NEEDING_ATTENTION);
  }

  @Override
  public RequestStatus cancel(OperatorAction action) {
    cancelled = true;
    return status();
  }

  @Override
  public void validateCancel(OperatorAction action) {
    if (cancelled) {
      throw new IllegalStateException("the request is already cancelled");
    }
  }
}
