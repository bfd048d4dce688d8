package io.temporarr.gateway.temporal;

import io.temporal.client.WorkflowNotFoundException;
import io.temporarr.gateway.inbox.DeliveryFailure;
import io.temporarr.gateway.inbox.InboxDelivery;
import io.temporarr.gateway.inbox.InboxEntry;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers inbox entries with the same calls as the direct path, so a queued start gets the same
 * workflow ID, conflict and reuse policies. Repeats are harmless: a second start of the same ID
 * converges on the open run, and the workflow ignores a signal whose event ID it has applied.
 */
@Component
class InboxDeliveries implements InboxDelivery {
  private static final Logger log = LoggerFactory.getLogger(InboxDeliveries.class);

  private final RequestWorkflows workflows;

  InboxDeliveries(RequestWorkflows workflows) {
    this.workflows = workflows;
  }

  @Override
  public void deliver(InboxEntry entry) throws DeliveryFailure {
    try {
      switch (entry.kind()) {
        case START -> start(entry);
        case SIGNAL_DOWNLOAD_FINISHED ->
            workflows.signalDownloadFinished(
                entry.workflowId(), InboxPayloads.read(entry.payload(), DownloadFinished.class));
        case CANCEL ->
            workflows.signalCancel(
                entry.workflowId(), InboxPayloads.read(entry.payload(), OperatorAction.class));
      }
    } catch (WorkflowNotFoundException notRunning) {
      switch (entry.kind()) {
        case CANCEL ->
            // As on the direct path: cancelling a request that is not running is a no-op.
            log.info(
                "Queued cancel {} ignored: {} is not running", entry.eventId(), entry.workflowId());
        default ->
            throw DeliveryFailure.rejected("no running workflow " + entry.workflowId(), notRunning);
      }
    } catch (RuntimeException failure) {
      throw TemporalFailures.classify(failure);
    }
  }

  private void start(InboxEntry entry) throws DeliveryFailure {
    MediaRequestInput input = InboxPayloads.read(entry.payload(), MediaRequestInput.class);
    if (!WorkflowIds.mediaRequest(input.source(), input.sourceRequestId())
        .equals(entry.workflowId())) {
      throw DeliveryFailure.rejected("payload does not match " + entry.workflowId(), null);
    }
    StartOutcome outcome = workflows.startRun(input, false);
    if (outcome.completedBefore()) {
      log.info(
          "Queued start {} ignored: {} already completed", entry.eventId(), entry.workflowId());
    } else {
      log.info(
          "Queued start {} delivered: {} run {}",
          entry.eventId(),
          entry.workflowId(),
          outcome.runId());
    }
  }
}
