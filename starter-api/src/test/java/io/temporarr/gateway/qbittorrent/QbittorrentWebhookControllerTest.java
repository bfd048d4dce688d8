package io.temporarr.gateway.qbittorrent;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(
    controllers = QbittorrentWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({TorrentCompletions.class, RequestIntake.class, RequestWorkflows.class})
class QbittorrentWebhookControllerTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final String OTHER_ID = "media-request:radarr:7";
  private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";
  private static final String TOKEN_HEADER = "X-Temporarr-Token";
  private static final String CONTENT_PATH = "/downloads/Dune Part Two (2024) 2160p";

  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;

  private final MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);

  @BeforeEach
  void requestWorkflowIsRunning() {
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
  }

  @Test
  void formCallbackFromTheAutorunCommandSignalsTheTaggedRequest() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .header(TOKEN_HEADER, TestCredentials.QBITTORRENT)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("hash", HASH.toUpperCase())
                .param("name", "Dune.Part.Two.2024.2160p")
                .param("category", "temporarr")
                .param("tags", "private, " + WORKFLOW_ID + ",keep")
                .param("content_path", CONTENT_PATH))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("accepted"));

    verify(workflow)
        .downloadFinished(new DownloadFinished("qbt:" + HASH + ":finished", HASH, CONTENT_PATH));
  }

  @Test
  void jsonCallbackSignalsTheTaggedRequest() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .header(TOKEN_HEADER, TestCredentials.QBITTORRENT)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"hash": "%s", "name": "Dune.Part.Two.2024.2160p", "category": "temporarr",
                     "tags": "%s", "content_path": "%s"}
                    """
                        .formatted(HASH, WORKFLOW_ID, CONTENT_PATH)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    verify(workflow)
        .downloadFinished(new DownloadFinished("qbt:" + HASH + ":finished", HASH, CONTENT_PATH));
  }

  @Test
  void seasonChildTagsAreRoutedToTheChild() throws Exception {
    MediaRequestWorkflow child = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, "media-request:seerr:43:s2"))
        .thenReturn(child);

    finished(HASH, "media-request:seerr:43:s2").andExpect(status().isAccepted());

    verify(child).downloadFinished(new DownloadFinished("qbt:" + HASH + ":finished", HASH, null));
  }

  @Test
  void torrentWithoutAMediaRequestTagIsIgnored() throws Exception {
    finished(HASH, "linux-isos,seeding")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));

    verifyNoInteractions(client);
  }

  @Test
  void torrentWithoutAnyTagIsIgnoredEvenWithoutAUsableHash() throws Exception {
    finished("-", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ignored"));

    verifyNoInteractions(client);
  }

  @Test
  void hashThatIsNotAV1InfohashIsUnprocessable() throws Exception {
    finished("not-a-hash", WORKFLOW_ID)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(GatewayProblem.INVALID_FIELD.toString()))
        .andExpect(jsonPath("$.field").value("hash"));

    verifyNoInteractions(client);
  }

  @Test
  void aTorrentTwoRequestsShareSignalsEachRequestUnderItsOwnEventId() throws Exception {
    MediaRequestWorkflow other = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, OTHER_ID)).thenReturn(other);

    finished(HASH, WORKFLOW_ID + ", tv," + OTHER_ID + "," + WORKFLOW_ID)
        .andExpect(status().isAccepted())
        .andExpect(content().json("{\"status\":\"accepted\"}", true));

    verify(workflow)
        .downloadFinished(
            new DownloadFinished("qbt:" + HASH + ":finished:" + WORKFLOW_ID, HASH, null));
    verify(other)
        .downloadFinished(
            new DownloadFinished("qbt:" + HASH + ":finished:" + OTHER_ID, HASH, null));
    verifyNoMoreInteractions(workflow, other);
  }

  @Test
  void aClosedRequestAmongThoseSharingATorrentDoesNotKeepTheOthersWaiting() throws Exception {
    MediaRequestWorkflow other = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, OTHER_ID)).thenReturn(other);
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null))
        .when(workflow)
        .downloadFinished(any());

    finished(HASH, WORKFLOW_ID + "," + OTHER_ID)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("accepted"));

    verify(other)
        .downloadFinished(
            new DownloadFinished("qbt:" + HASH + ":finished:" + OTHER_ID, HASH, null));
  }

  @Test
  void aTorrentWhoseRequestsHaveAllClosedIsNotFound() throws Exception {
    MediaRequestWorkflow other = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, OTHER_ID)).thenReturn(other);
    WorkflowNotFoundException closed =
        new WorkflowNotFoundException(
            WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
            RequestWorkflows.WORKFLOW_TYPE,
            null);
    doThrow(closed).when(workflow).downloadFinished(any());
    doThrow(closed).when(other).downloadFinished(any());

    finished(HASH, WORKFLOW_ID + "," + OTHER_ID)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(GatewayProblem.NOT_FOUND.toString()));
  }

  @Test
  void oneMalformedMediaRequestTagAmongSeveralSignalsNone() throws Exception {
    finished(HASH, WORKFLOW_ID + ",media-request:../../etc")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.field").value("tags"));

    verifyNoInteractions(client);
  }

  @Test
  void malformedMediaRequestTagIsUnprocessable() throws Exception {
    finished(HASH, "media-request:../../etc")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.field").value("tags"));

    verifyNoInteractions(client);
  }

  @Test
  void requestThatIsNoLongerRunningIsNotFound() throws Exception {
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null))
        .when(workflow)
        .downloadFinished(any());

    finished(HASH, WORKFLOW_ID)
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(GatewayProblem.NOT_FOUND.toString()));
  }

  @Test
  void wrongTokenIsUnauthorized() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .header(TOKEN_HEADER, "guessed-token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("hash", HASH)
                .param("tags", WORKFLOW_ID))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    verifyNoInteractions(client);
  }

  @Test
  void missingTokenIsUnauthorized() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("hash", HASH)
                .param("tags", WORKFLOW_ID))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }

  @Test
  void otherBodyTypesAreUnsupported() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .header(TOKEN_HEADER, TestCredentials.QBITTORRENT)
                .contentType(MediaType.TEXT_PLAIN)
                .content(HASH))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void oversizedFormIsRefusedBeforeItIsParsed() throws Exception {
    mvc.perform(
            post("/webhooks/qbittorrent")
                .header(TOKEN_HEADER, TestCredentials.QBITTORRENT)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("hash=" + HASH + "&tags=" + WORKFLOW_ID + "&name=" + "x".repeat(1 << 20)))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    verifyNoInteractions(client);
  }

  private org.springframework.test.web.servlet.ResultActions finished(String hash, String tags)
      throws Exception {
    return mvc.perform(
        post("/webhooks/qbittorrent")
            .header(TOKEN_HEADER, TestCredentials.QBITTORRENT)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("hash", hash)
            .param("tags", tags));
  }
}
