package io.temporarr.gateway.temporal;

import static io.temporarr.gateway.temporal.InboxTestSupport.WORKFLOW_ID;
import static io.temporarr.gateway.temporal.InboxTestSupport.approval;
import static io.temporarr.gateway.temporal.InboxTestSupport.grpc;
import static io.temporarr.gateway.temporal.InboxTestSupport.properties;
import static io.temporarr.gateway.temporal.InboxTestSupport.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporarr.gateway.inbox.InboxEntry;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestWorkflowsInboxTest {
  private static final DownloadFinished FINISHED =
      new DownloadFinished("qbt:abc:finished", "abc", "/downloads/Severance");
  private static final OperatorAction DECLINE =
      new OperatorAction("seerr:42:MEDIA_DECLINED", "seerr", "declined in seerr");

  @TempDir Path dir;

  private final WorkflowClient client = mock(WorkflowClient.class);
  private final WorkflowStub startStub = mock(WorkflowStub.class);
  private final WorkflowStub updateStub = mock(WorkflowStub.class);
  private final MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
  private InboxStore inbox;
  private RequestWorkflows workflows;

  @BeforeEach
  void wire() {
    inbox = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC());
    workflows = new RequestWorkflows(client, properties(), provider(inbox));
    when(client.newUntypedWorkflowStub(
            eq(RequestWorkflows.WORKFLOW_TYPE), any(WorkflowOptions.class)))
        .thenReturn(startStub);
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(updateStub);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
  }

  @AfterEach
  void close() {
    workflows.stop();
    inbox.close();
  }

  @Test
  void anUnreachableTemporalQueuesTheStartWithItsWholeInput() {
    when(startStub.start(any()))
        .thenThrow(grpc(Status.UNAVAILABLE.withDescription("io exception")));

    StartOutcome outcome = workflows.start(approval());

    assertThat(outcome.queued()).isTrue();
    assertThat(outcome.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(outcome.runId()).isNull();
    InboxEntry entry = inbox.head().orElseThrow();
    assertThat(entry.kind()).isEqualTo(InboxKind.START);
    assertThat(entry.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(entry.eventId()).isEqualTo("seerr:42:MEDIA_APPROVED");
    assertThat(InboxPayloads.read(entry.payload(), MediaRequestInput.class)).isEqualTo(approval());
  }

  @Test
  void aQueuedDeliveryKeepsTheRequestsCorrelationId() {
    org.mockito.Mockito.doThrow(grpc(Status.UNAVAILABLE)).when(workflow).downloadFinished(FINISHED);

    org.slf4j.MDC.put(
        io.temporarr.workflows.common.CorrelationPropagator.MDC_KEY, "corr-while-down");
    try {
      workflows.downloadFinished(WORKFLOW_ID, FINISHED);
    } finally {
      org.slf4j.MDC.clear();
    }

    assertThat(inbox.head().orElseThrow().correlationId()).isEqualTo("corr-while-down");
  }

  @Test
  void aDeadlineExceededStartIsQueuedToo() {
    when(startStub.start(any())).thenThrow(Status.DEADLINE_EXCEEDED.asRuntimeException());

    assertThat(workflows.start(approval()).queued()).isTrue();
    assertThat(inbox.depth()).isEqualTo(1);
  }

  @Test
  void whileEntriesWaitEveryNewDeliveryQueuesBehindThemWithoutAskingTemporal() {
    inbox.enqueue(InboxKind.START, "media-request:seerr:41", "seerr:41:MEDIA_APPROVED", "{}");

    StartOutcome started = workflows.start(approval());
    Acceptance finished = workflows.downloadFinished(WORKFLOW_ID, FINISHED);
    Acceptance declined = workflows.cancel(WORKFLOW_ID, DECLINE);

    assertThat(started.queued()).isTrue();
    assertThat(finished).isEqualTo(Acceptance.QUEUED);
    assertThat(declined).isEqualTo(Acceptance.QUEUED);
    verifyNoInteractions(client);
    assertThat(inbox.waiting(10))
        .extracting(InboxEntry::eventId)
        .containsExactly(
            "seerr:41:MEDIA_APPROVED",
            "seerr:42:MEDIA_APPROVED",
            "qbt:abc:finished",
            "seerr:42:MEDIA_DECLINED");
    assertThat(inbox.waiting(10))
        .extracting(InboxEntry::kind)
        .containsExactly(
            InboxKind.START, InboxKind.START, InboxKind.SIGNAL_DOWNLOAD_FINISHED, InboxKind.CANCEL);
  }

  @Test
  void aRepeatedDeliveryOfAQueuedEventIsStoredOnce() {
    when(startStub.start(any())).thenThrow(grpc(Status.UNAVAILABLE));

    workflows.start(approval());
    StartOutcome again = workflows.start(approval());

    assertThat(again.queued()).isTrue();
    assertThat(inbox.depth()).isEqualTo(1);
  }

  @Test
  void aStartWithoutEventIdIsQueuedOncePerWorkflow() {
    MediaRequestInput anonymous = MediaRequestInput.movie("seerr", "42", "Dune", 2021, 438631);
    when(startStub.start(any())).thenThrow(grpc(Status.UNAVAILABLE));

    workflows.start(anonymous);
    workflows.start(anonymous);

    assertThat(inbox.waiting(10))
        .extracting(InboxEntry::eventId)
        .containsExactly("start:" + WORKFLOW_ID);
  }

  @Test
  void aSignalTemporalCannotTakeIsQueuedWithItsEventId() {
    org.mockito.Mockito.doThrow(grpc(Status.UNAVAILABLE)).when(workflow).downloadFinished(FINISHED);

    assertThat(workflows.downloadFinished(WORKFLOW_ID, FINISHED)).isEqualTo(Acceptance.QUEUED);

    InboxEntry entry = inbox.head().orElseThrow();
    assertThat(entry.kind()).isEqualTo(InboxKind.SIGNAL_DOWNLOAD_FINISHED);
    assertThat(entry.eventId()).isEqualTo("qbt:abc:finished");
    assertThat(InboxPayloads.read(entry.payload(), DownloadFinished.class)).isEqualTo(FINISHED);
  }

  @Test
  void aDeclineNoWorkerTookInTimeIsQueuedAsACancel() {
    when(updateStub.startUpdate(any(UpdateOptions.class), any()))
        .thenThrow(
            new WorkflowUpdateTimeoutOrCancelledException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                "cancel",
                DECLINE.eventId(),
                null));

    assertThat(workflows.cancel(WORKFLOW_ID, DECLINE)).isEqualTo(Acceptance.QUEUED);

    InboxEntry entry = inbox.head().orElseThrow();
    assertThat(entry.kind()).isEqualTo(InboxKind.CANCEL);
    assertThat(InboxPayloads.read(entry.payload(), OperatorAction.class)).isEqualTo(DECLINE);
  }

  @Test
  void deliveriesTemporalTookAreNotQueued() {
    when(startStub.start(any()))
        .thenReturn(
            WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).setRunId("run-1").build());

    StartOutcome outcome = workflows.start(approval());
    Acceptance finished = workflows.downloadFinished(WORKFLOW_ID, FINISHED);

    assertThat(outcome.queued()).isFalse();
    assertThat(outcome.runId()).isEqualTo("run-1");
    assertThat(finished).isEqualTo(Acceptance.DELIVERED);
    assertThat(inbox.isEmpty()).isTrue();
  }

  @Test
  void answersTemporalGaveAreNotQueued() {
    when(startStub.start(any())).thenThrow(grpc(Status.INVALID_ARGUMENT));
    org.mockito.Mockito.doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(), null, null))
        .when(workflow)
        .downloadFinished(FINISHED);

    assertThatThrownBy(() -> workflows.start(approval()))
        .isInstanceOf(WorkflowServiceException.class);
    assertThatThrownBy(() -> workflows.downloadFinished(WORKFLOW_ID, FINISHED))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThat(inbox.isEmpty()).isTrue();
  }

  @Test
  void withoutAnInboxUnreachabilityReachesTheCallerAsBefore() {
    RequestWorkflows withoutInbox = new RequestWorkflows(client, properties(), provider(null));
    when(startStub.start(any())).thenThrow(grpc(Status.UNAVAILABLE));

    assertThatThrownBy(() -> withoutInbox.start(approval()))
        .isInstanceOf(WorkflowServiceException.class);
    withoutInbox.stop();
  }
}
