package io.temporarr.gateway.seerr;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.RequestWorkflows;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Temporal is away and the inbox cannot store the delivery (its disk is full): the sender hears 503
 * with Retry-After, never 500, and nothing is acknowledged.
 */
@WebMvcTest(
    controllers = SeerrWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.inbox.full-retry-after=45s"
    })
@Import({SeerrNotifications.class, RequestIntake.class, RequestWorkflows.class})
class InboxFullAnswersTest {
  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;
  @MockitoBean private InboxStore inbox;

  @Test
  void aFullDiskAnswersServiceUnavailableWithRetryAfter() throws Exception {
    WorkflowStub stub = mock(WorkflowStub.class);
    when(client.newUntypedWorkflowStub(
            eq(RequestWorkflows.WORKFLOW_TYPE), any(WorkflowOptions.class)))
        .thenReturn(stub);
    when(stub.start(any()))
        .thenThrow(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId("media-request:seerr:42").build(),
                RequestWorkflows.WORKFLOW_TYPE,
                Status.UNAVAILABLE.asRuntimeException()));
    when(inbox.isEmpty()).thenReturn(true);
    when(inbox.enqueue(any(InboxKind.class), any(), any(), any(), any()))
        .thenThrow(
            new InboxStore.InboxException(
                "cannot store an inbox entry", new IOException("No space left on device")));

    mvc.perform(
            post("/webhooks/seerr")
                .header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR)
                .contentType(MediaType.APPLICATION_JSON)
                .content(fixture("seerr/movie-approved.json")))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "45"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(GatewayProblem.INBOX_UNAVAILABLE.toString()))
        .andExpect(content().string(not(containsString("No space left"))));
  }
}
