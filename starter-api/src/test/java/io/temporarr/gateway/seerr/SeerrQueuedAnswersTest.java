package io.temporarr.gateway.seerr;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.temporal.Acceptance;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.gateway.temporal.StartOutcome;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What Seerr hears when its webhook went to the durable inbox instead of Temporal. */
@WebMvcTest(
    controllers = SeerrWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({SeerrNotifications.class, RequestIntake.class})
class SeerrQueuedAnswersTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";

  @Autowired private MockMvc mvc;
  @MockitoBean private RequestWorkflows workflows;

  @Test
  void aQueuedApprovalIsAcceptedAsQueued() throws Exception {
    when(workflows.start(any())).thenReturn(StartOutcome.queued(WORKFLOW_ID));

    mvc.perform(
            post("/webhooks/seerr")
                .header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR)
                .contentType(MediaType.APPLICATION_JSON)
                .content(fixture("seerr/movie-approved.json")))
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, "/api/requests/" + WORKFLOW_ID))
        .andExpect(
            content().json("{\"workflowId\":\"" + WORKFLOW_ID + "\",\"status\":\"queued\"}", true));

    ArgumentCaptor<MediaRequestInput> input = ArgumentCaptor.forClass(MediaRequestInput.class);
    verify(workflows).start(input.capture());
    assertThat(input.getValue().eventId()).isEqualTo("seerr:42:MEDIA_APPROVED");
  }

  @Test
  void aQueuedDeclineIsAcceptedAsQueued() throws Exception {
    when(workflows.cancel(eq(WORKFLOW_ID), any())).thenReturn(Acceptance.QUEUED);

    mvc.perform(
            post("/webhooks/seerr")
                .header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR)
                .contentType(MediaType.APPLICATION_JSON)
                .content(fixture("seerr/movie-declined.json")))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("queued"));

    verify(workflows)
        .cancel(
            WORKFLOW_ID,
            new OperatorAction("seerr:42:MEDIA_DECLINED", "seerr", "declined in seerr"));
  }
}
