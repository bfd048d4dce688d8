package io.temporarr.gateway.qbittorrent;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.temporal.Acceptance;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.download.DownloadFinished;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What qBittorrent's autorun call hears when its signal went to the durable inbox. */
@WebMvcTest(
    controllers = QbittorrentWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({TorrentCompletions.class, RequestIntake.class})
class QbittorrentQueuedAnswerTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";

  @Autowired private MockMvc mvc;
  @MockitoBean private RequestWorkflows workflows;

  @Test
  void aQueuedCompletionIsAcceptedAsQueued() throws Exception {
    when(workflows.downloadFinished(eq(WORKFLOW_ID), any())).thenReturn(Acceptance.QUEUED);

    mvc.perform(
            post("/webhooks/qbittorrent")
                .header("X-Temporarr-Token", TestCredentials.QBITTORRENT)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("hash", HASH)
                .param("tags", WORKFLOW_ID)
                .param("content_path", "/downloads/x"))
        .andExpect(status().isAccepted())
        .andExpect(
            content().json("{\"workflowId\":\"" + WORKFLOW_ID + "\",\"status\":\"queued\"}", true));

    verify(workflows)
        .downloadFinished(
            WORKFLOW_ID, new DownloadFinished("qbt:" + HASH + ":finished", HASH, "/downloads/x"));
  }

  @Test
  void aSharedTorrentWhoseSignalWentToTheInboxForOneRequestIsQueued() throws Exception {
    String other = "media-request:radarr:7";
    when(workflows.downloadFinished(eq(WORKFLOW_ID), any())).thenReturn(Acceptance.DELIVERED);
    when(workflows.downloadFinished(eq(other), any())).thenReturn(Acceptance.QUEUED);

    mvc.perform(
            post("/webhooks/qbittorrent")
                .header("X-Temporarr-Token", TestCredentials.QBITTORRENT)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("hash", HASH)
                .param("tags", WORKFLOW_ID + "," + other))
        .andExpect(status().isAccepted())
        .andExpect(content().json("{\"status\":\"queued\"}", true));

    verify(workflows)
        .downloadFinished(
            other, new DownloadFinished("qbt:" + HASH + ":finished:" + other, HASH, null));
  }
}
