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
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporarr.gateway.inbox.DeliveryFailure;
import io.temporarr.gateway.inbox.InboxEntry;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

class InboxDeliveriesTest {
  private static final DownloadFinished FINISHED =
      new DownloadFinished("qbt:abc:finished", "abc", "/downloads/Severance");
  private static final OperatorAction DECLINE =
      new OperatorAction("seerr:42:MEDIA_DECLINED", "seerr", "declined in seerr");

  private final WorkflowClient client = mock(WorkflowClient.class);
  private final WorkflowStub startStub = mock(WorkflowStub.class);
  private final MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
  private RequestWorkflows workflows;
  private InboxDeliveries deliveries;

  @BeforeEach
  void wire() {
    workflows = new RequestWorkflows(client, properties(), provider(null));
    deliveries = new InboxDeliveries(workflows);
    when(client.newUntypedWorkflowStub(
            eq(RequestWorkflows.WORKFLOW_TYPE), any(WorkflowOptions.class)))
        .thenReturn(startStub);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
  }

  @AfterEach
  void stop() {
    workflows.stop();
  }

  @Test
  void aQueuedStartGetsTheOptionsOfTheDirectPath() throws Exception {
    when(startStub.start(any()))
        .thenReturn(
            WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).setRunId("run-1").build());

    deliveries.deliver(entry(InboxKind.START, InboxPayloads.write(approval())));

    ArgumentCaptor<WorkflowOptions> options = ArgumentCaptor.forClass(WorkflowOptions.class);
    verify(client).newUntypedWorkflowStub(eq(RequestWorkflows.WORKFLOW_TYPE), options.capture());
    assertThat(options.getValue().getWorkflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(options.getValue().getTaskQueue()).isEqualTo(TaskQueues.MEDIA_REQUESTS);
    assertThat(options.getValue().getWorkflowIdConflictPolicy())
        .isEqualTo(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
    assertThat(options.getValue().getWorkflowIdReusePolicy())
        .isEqualTo(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
    assertThat(options.getValue().getTypedSearchAttributes().get(SearchAttributes.REQUESTED_BY))
        .isEqualTo("alice");
    assertThat(options.getValue().getMemo()).containsEntry("correlationId", "corr-1");
    verify(startStub).start(approval());
    // Whether the run is new does not matter to the inbox: no extra describe call.
    verify(startStub, never()).describe();
  }

  @Test
  void aQueuedStartOfACompletedRequestIsDoneWithoutStartingAnything() throws Exception {
    when(startStub.start(any()))
        .thenThrow(
            new WorkflowExecutionAlreadyStarted(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).setRunId("old").build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null));

    deliveries.deliver(entry(InboxKind.START, InboxPayloads.write(approval())));

    verify(startStub).start(approval());
  }

  @Test
  void aQueuedSignalIsSentWithItsEventId() throws Exception {
    deliveries.deliver(entry(InboxKind.SIGNAL_DOWNLOAD_FINISHED, InboxPayloads.write(FINISHED)));

    verify(workflow).downloadFinished(FINISHED);
  }

  @Test
  void aQueuedCancelIsTheRequestActionSignalWithTheDeclinesEventId() throws Exception {
    deliveries.deliver(entry(InboxKind.CANCEL, InboxPayloads.write(DECLINE)));

    verify(workflow).requestAction(new RequestActionSignal(ActionKind.CANCEL, DECLINE));
  }

  @Test
  void aQueuedCancelOfARequestThatIsNotRunningIsDone() throws Exception {
    doThrow(notFound()).when(workflow).requestAction(any());

    deliveries.deliver(entry(InboxKind.CANCEL, InboxPayloads.write(DECLINE)));

    verify(workflow).requestAction(any());
  }

  @Test
  void aQueuedSignalForAWorkflowThatIsNotRunningIsRejected() {
    doThrow(notFound()).when(workflow).downloadFinished(FINISHED);

    assertThatThrownBy(
            () ->
                deliveries.deliver(
                    entry(InboxKind.SIGNAL_DOWNLOAD_FINISHED, InboxPayloads.write(FINISHED))))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.REJECTED);
              assertThat(failure).hasMessage("no running workflow " + WORKFLOW_ID);
            });
  }

  @ParameterizedTest
  @CsvSource({
    "UNAVAILABLE, UNREACHABLE",
    "DEADLINE_EXCEEDED, UNREACHABLE",
    "RESOURCE_EXHAUSTED, UNREACHABLE",
    "INVALID_ARGUMENT, REJECTED",
    "FAILED_PRECONDITION, REJECTED",
    "INTERNAL, FAILED",
    "PERMISSION_DENIED, FAILED"
  })
  void temporalFailuresAreClassifiedByTheirStatus(Status.Code code, DeliveryFailure.Kind kind) {
    when(startStub.start(any()))
        .thenThrow(grpc(Status.fromCode(code).withDescription("from the frontend")));

    assertThatThrownBy(
            () -> deliveries.deliver(entry(InboxKind.START, InboxPayloads.write(approval()))))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(kind);
              assertThat(failure).hasMessage(code + ": from the frontend");
            });
  }

  @Test
  void anUnreadablePayloadIsRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> deliveries.deliver(entry(InboxKind.START, "{\"title\": alice")))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.REJECTED);
              assertThat(failure).hasMessage("unreadable MediaRequestInput payload");
            });
    verifyNoInteractions(client);
  }

  @Test
  void aStartWhosePayloadNamesAnotherWorkflowIsRejected() {
    InboxEntry misfiled =
        new InboxEntry(
            1,
            InboxKind.START,
            "media-request:seerr:7",
            "e",
            InboxPayloads.write(approval()),
            Instant.EPOCH,
            0,
            null);

    assertThatThrownBy(() -> deliveries.deliver(misfiled))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.REJECTED));
    verifyNoInteractions(client);
  }

  @Test
  void failureWithoutGrpcStatusIsNamedByItsType() {
    doThrow(new IllegalStateException("details")).when(workflow).downloadFinished(FINISHED);

    assertThatThrownBy(
            () ->
                deliveries.deliver(
                    entry(InboxKind.SIGNAL_DOWNLOAD_FINISHED, InboxPayloads.write(FINISHED))))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.FAILED);
              assertThat(failure).hasMessage("IllegalStateException");
            });
  }

  private static InboxEntry entry(InboxKind kind, String payload) {
    return new InboxEntry(1, kind, WORKFLOW_ID, "event-1", payload, Instant.EPOCH, 0, null);
  }

  private static WorkflowNotFoundException notFound() {
    return new WorkflowNotFoundException(
        WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(), null, null);
  }
}
