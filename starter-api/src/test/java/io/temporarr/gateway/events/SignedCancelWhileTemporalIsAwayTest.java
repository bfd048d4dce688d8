package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.inbox.InboxEntry;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A signed {@code media.cancelled} gets the durability of a Seerr decline: while Temporal is
 * unreachable it is answered 202 {@code queued} from the durable inbox, and the drainer delivers it
 * (as the {@code requestAction} CANCEL signal with the event's ID) once Temporal answers again. A
 * lost cancel would download what the user declined.
 */
@SpringBootTest(
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.inbox.initial-backoff=50ms",
      "temporarr.gateway.inbox.max-backoff=200ms"
    })
@AutoConfigureMockMvc
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SignedCancelWhileTemporalIsAwayTest {
  private static final String WORKFLOW_ID = "media-request:homepage:1001";
  private static final String CANCELLED =
      """
      {"id": "evt_c9", "type": "media.cancelled", "version": "1.0",
       "time": "2025-06-01T12:00:00Z",
       "data": {"source": "homepage", "sourceRequestId": "1001", "reason": "changed my mind"}}
      """;
  private static final OperatorAction CANCEL =
      new OperatorAction("evt_c9", SignedEvents.ACTOR, "changed my mind");

  @Autowired private MockMvc mvc;
  @Autowired private InboxStore inbox;
  @MockitoBean private WorkflowClient client;

  private final WorkflowStub updateStub = mock(WorkflowStub.class);
  private final MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
  private final AtomicBoolean temporalDown = new AtomicBoolean(true);

  @BeforeEach
  void temporalIsUnreachable() {
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(updateStub);
    when(updateStub.startUpdate(any(UpdateOptions.class), any())).thenThrow(unavailable());
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
    doAnswer(
            invocation -> {
              if (temporalDown.get()) {
                throw unavailable();
              }
              return null;
            })
        .when(workflow)
        .requestAction(any());
  }

  @Test
  void aCancelWhileTemporalIsAwayIsQueuedAndDeliveredWhenItAnswersAgain() throws Exception {
    mvc.perform(
            post("/webhooks/events")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(
                    EventSigner.headers(
                        TestCredentials.EVENTS, "msg_" + UUID.randomUUID(), CANCELLED))
                .content(CANCELLED))
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, "/api/requests/" + WORKFLOW_ID))
        .andExpect(
            content().json("{\"workflowId\":\"" + WORKFLOW_ID + "\",\"status\":\"queued\"}", true));

    InboxEntry entry = inbox.head().orElseThrow();
    assertThat(entry.kind()).isEqualTo(InboxKind.CANCEL);
    assertThat(entry.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(entry.eventId()).isEqualTo("evt_c9");
    assertThat(new ObjectMapper().readValue(entry.payload(), OperatorAction.class))
        .isEqualTo(CANCEL);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(inbox.head())
                    .hasValueSatisfying(
                        waiting -> assertThat(waiting.lastError()).contains("UNAVAILABLE")));
    temporalDown.set(false);

    await().atMost(Duration.ofSeconds(30)).until(inbox::isEmpty);
    verify(workflow, atLeast(2)).requestAction(new RequestActionSignal(ActionKind.CANCEL, CANCEL));
    assertThat(inbox.deadCount()).isZero();
  }

  private static WorkflowServiceException unavailable() {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
        RequestWorkflows.WORKFLOW_TYPE,
        Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());
  }
}
