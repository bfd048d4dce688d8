package io.temporarr.workflows.download;

import io.temporal.workflow.Workflow;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.request.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for a request: records every {@code downloadProgress} it receives (the status query
 * lists them as transitions, detail {@code <id>@<progress>}) and ends on a CANCEL action.
 */
public class RecordingRequestWorkflow implements MediaRequestWorkflow {
  private final List<Transition> received = new ArrayList<>();
  private boolean done;

  @Override
  public MediaRequestResult run(MediaRequestInput input) {
    Workflow.await(() -> done);
    return new MediaRequestResult(
        Workflow.getInfo().getWorkflowId(), RequestState.CANCELLED, null, List.of());
  }

  @Override
  public RequestStatus status() {
    return new RequestStatus(
        Workflow.getInfo().getWorkflowId(),
        null,
        null,
        null,
        done ? RequestState.CANCELLED : RequestState.ACTIVE,
        null,
        0,
        null,
        null,
        null,
        List.of(),
        List.of(),
        received);
  }

  @Override
  public void downloadProgress(DownloadStatus status) {
    received.add(
        new Transition(
            null, null, null, null, null, "progress", status.id() + "@" + status.progress()));
  }

  @Override
  public void requestAction(RequestActionSignal signal) {
    done = signal.kind() == ActionKind.CANCEL;
  }

  @Override
  public void downloadFinished(DownloadFinished signal) {}

  @Override
  public void downloadFailed(DownloadFailed signal) {}

  @Override
  public RequestStatus retry(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRetry(OperatorAction action) {}

  @Override
  public RequestStatus skipRelease(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateSkipRelease(OperatorAction action) {}

  @Override
  public RequestStatus chooseRelease(ChooseRelease choice) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateChooseRelease(ChooseRelease choice) {}

  @Override
  public RequestStatus cancel(OperatorAction action) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateCancel(OperatorAction action) {}
}
