package io.temporarr.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.jayway.jsonpath.JsonPath;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.common.SearchAttributesUtil;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.SearchAttributes;
import io.temporarr.workflows.request.ErrorInfo;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestStage;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(
    controllers = OperatorController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import(RequestWorkflows.class)
class OperatorControllerTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final org.springframework.http.MediaType PROBLEM =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
  private static final org.springframework.http.MediaType JSON =
      org.springframework.http.MediaType.APPLICATION_JSON;

  private static final RequestStatus NEEDS_ATTENTION =
      new RequestStatus(
          WORKFLOW_ID,
          MediaType.MOVIE,
          "Dune: Part Two",
          null,
          RequestState.NEEDS_ATTENTION,
          RequestStage.DOWNLOAD,
          3,
          null,
          null,
          new ErrorInfo(
              "2026-11-26T10:00:00Z",
              RequestStage.DOWNLOAD,
              "stalled",
              "no progress for 30m",
              null,
              0),
          List.of("c9e15763f722f23e98a29decdfae341b98d53056"),
          List.of(),
          List.of());

  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;

  private final WorkflowStub stub = mock(WorkflowStub.class);

  @Test
  void statusAnswersTheWorkflowsStatusQuery() throws Exception {
    MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
    when(workflow.status()).thenReturn(NEEDS_ATTENTION);

    operator(get("/api/requests/{id}", WORKFLOW_ID))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(JSON))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.state").value("NEEDS_ATTENTION"))
        .andExpect(jsonPath("$.stage").value("DOWNLOAD"))
        .andExpect(jsonPath("$.releaseAttempts").value(3))
        .andExpect(jsonPath("$.lastError.type").value("stalled"))
        .andExpect(jsonPath("$.blocklist[0]").value("c9e15763f722f23e98a29decdfae341b98d53056"));
  }

  @Test
  void statusOfAnUnknownWorkflowIsANotFoundProblem() throws Exception {
    MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
    when(workflow.status())
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null));

    operator(get("/api/requests/{id}", WORKFLOW_ID))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.NOT_FOUND.toString()));
  }

  @Test
  void workflowsOtherThanRequestsAreNotReachable() throws Exception {
    operator(get("/api/requests/{id}", "download-monitor:qbittorrent"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));

    verifyNoInteractions(client);
  }

  @Test
  void listRunsTheVisibilityQueryForTheStateWithABoundedPage() throws Exception {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility = visibilityAnswers();

    operator(get("/api/requests").param("state", "NeedsAttention").param("pageSize", "2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("NeedsAttention"))
        .andExpect(jsonPath("$.requests[0].workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.requests[0].executionStatus").value("RUNNING"))
        .andExpect(jsonPath("$.requests[0].title").value("Dune: Part Two"))
        .andExpect(jsonPath("$.requests[0].requestState").value("NeedsAttention"))
        .andExpect(jsonPath("$.requests[0].tmdbId").value(693134))
        .andExpect(jsonPath("$.requests[0].startTime").value("2026-11-26T10:00:00Z"))
        .andExpect(jsonPath("$.nextPageToken").isString());

    ArgumentCaptor<ListWorkflowExecutionsRequest> request =
        ArgumentCaptor.forClass(ListWorkflowExecutionsRequest.class);
    verify(visibility).listWorkflowExecutions(request.capture());
    assertThat(request.getValue().getQuery())
        .isEqualTo("WorkflowType=\"MediaRequestWorkflow\" AND RequestState=\"NeedsAttention\"");
    assertThat(request.getValue().getPageSize()).isEqualTo(2);
    assertThat(request.getValue().getNamespace()).isEqualTo("default");
    assertThat(request.getValue().getNextPageToken()).isEmpty();
  }

  @Test
  void listWithoutStateCoversEveryRequestAndFollowsThePageToken() throws Exception {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility = visibilityAnswers();
    String token = nextPageToken(operator(get("/api/requests")));

    operator(get("/api/requests").param("pageToken", token)).andExpect(status().isOk());

    ArgumentCaptor<ListWorkflowExecutionsRequest> request =
        ArgumentCaptor.forClass(ListWorkflowExecutionsRequest.class);
    verify(visibility, times(2)).listWorkflowExecutions(request.capture());
    assertThat(request.getValue().getQuery()).isEqualTo("WorkflowType=\"MediaRequestWorkflow\"");
    assertThat(request.getValue().getPageSize()).isEqualTo(20);
    assertThat(request.getValue().getNextPageToken().toStringUtf8()).isEqualTo("page-2");
  }

  @Test
  void pageTokenThatThisApiDidNotHandOutIsABadParameterAndNeverReachesTemporal() throws Exception {
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("0123456789abcdef-page-2".getBytes(StandardCharsets.UTF_8));

    for (String token : List.of(forged, "not base64!", "AAAA")) {
      operator(get("/api/requests").param("pageToken", token))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(jsonPath("$.parameter").value("pageToken"));
    }
    verifyNoInteractions(client);
  }

  @Test
  void pageTokenOfAnotherStateFilterIsRefused() throws Exception {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility = visibilityAnswers();
    String activeToken = nextPageToken(operator(get("/api/requests").param("state", "Active")));

    operator(get("/api/requests").param("state", "Failed").param("pageToken", activeToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.parameter").value("pageToken"));

    verify(visibility, times(1)).listWorkflowExecutions(any());
  }

  @Test
  void listRejectsAStateThatIsNotARequestState() throws Exception {
    operator(get("/api/requests").param("state", "Active\" OR WorkflowType!=\"x"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.INVALID_PARAMETER.toString()))
        .andExpect(jsonPath("$.parameter").value("state"));

    verifyNoInteractions(client);
  }

  @Test
  void listRejectsAPageSizeAboveTheBound() throws Exception {
    operator(get("/api/requests").param("pageSize", "1000"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));

    verifyNoInteractions(client);
  }

  @Test
  void visibilityUnavailableIsServiceUnavailable() throws Exception {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility = visibilityAnswers();
    when(visibility.listWorkflowExecutions(any()))
        .thenThrow(new StatusRuntimeException(Status.DEADLINE_EXCEEDED));

    operator(get("/api/requests"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  @Test
  void listingOnAServerWithoutAdvancedVisibilityIsNotImplemented() throws Exception {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility = visibilityAnswers();
    when(visibility.listWorkflowExecutions(any()))
        .thenThrow(new StatusRuntimeException(Status.UNIMPLEMENTED));

    operator(get("/api/requests?state=NeedsAttention"))
        .andExpect(status().isNotImplemented())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("urn:temporarr:problem:not-supported-by-server"));
  }

  @ParameterizedTest
  @CsvSource({"retry, retry", "skip-release, skipRelease", "cancel, cancel"})
  void actionRunsItsUpdateAndAnswersTheNewStatus(String action, String updateName)
      throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = updateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.completedFuture(NEEDS_ATTENTION));

    operator(
            post("/api/requests/{id}/actions/{action}", WORKFLOW_ID, action)
                .contentType(JSON)
                .content("{\"reason\": \"tracker is back\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    ArgumentCaptor<UpdateOptions<RequestStatus>> options = updateOptions();
    ArgumentCaptor<Object> payload = ArgumentCaptor.forClass(Object.class);
    verify(stub).startUpdate(options.capture(), payload.capture());
    OperatorAction sent = (OperatorAction) payload.getValue();
    assertThat(options.getValue().getUpdateName()).isEqualTo(updateName);
    assertThat(options.getValue().getWaitForStage()).isEqualTo(WorkflowUpdateStage.ACCEPTED);
    assertThat(options.getValue().getUpdateId()).isEqualTo(sent.eventId());
    assertThat(sent.eventId()).startsWith("operator:");
    assertThat(sent.actor()).isEqualTo("operator");
    assertThat(sent.reason()).isEqualTo("tracker is back");
  }

  @Test
  void everyActionGetsAFreshEventIdAndTheBodyIsOptional() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = updateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.completedFuture(NEEDS_ATTENTION));

    operator(post("/api/requests/{id}/actions/retry", WORKFLOW_ID)).andExpect(status().isOk());
    operator(post("/api/requests/{id}/actions/retry", WORKFLOW_ID)).andExpect(status().isOk());

    ArgumentCaptor<Object> payloads = ArgumentCaptor.forClass(Object.class);
    verify(stub, org.mockito.Mockito.times(2))
        .startUpdate(updateOptions().capture(), payloads.capture());
    OperatorAction first = (OperatorAction) payloads.getAllValues().get(0);
    OperatorAction second = (OperatorAction) payloads.getAllValues().get(1);
    assertThat(first.eventId()).isNotEqualTo(second.eventId());
    assertThat(first.reason()).isNull();
  }

  @Test
  void actionStillRunningAfterTheWaitIsAccepted() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = updateAnswers();
    when(handle.getId()).thenReturn("operator:update-1");
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.failedFuture(new TimeoutException()));

    operator(post("/api/requests/{id}/actions/cancel", WORKFLOW_ID))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.updateId").value("operator:update-1"));
  }

  @Test
  void actionRefusedByTheWorkflowsValidatorIsAConflictWithItsMessage() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = updateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new WorkflowUpdateException(
                    WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                    "operator:update-1",
                    "retry",
                    ApplicationFailure.newFailure(
                        "retry is only possible while the request needs attention",
                        "java.lang.IllegalStateException"))));

    operator(post("/api/requests/{id}/actions/retry", WORKFLOW_ID))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.ACTION_REJECTED.toString()))
        .andExpect(
            jsonPath("$.detail").value("retry is only possible while the request needs attention"))
        .andExpect(jsonPath("$.update").value("retry"));
  }

  @Test
  void actionNotAcceptedInTimeIsServiceUnavailable() throws Exception {
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(stub);
    doThrow(
            new WorkflowUpdateTimeoutOrCancelledException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                "operator:update-1",
                "retry",
                new StatusRuntimeException(Status.DEADLINE_EXCEEDED)))
        .when(stub)
        .startUpdate(any(UpdateOptions.class), any());

    operator(post("/api/requests/{id}/actions/retry", WORKFLOW_ID))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.title").value("Action not accepted in time"));
  }

  @Test
  void actionOnAFinishedRequestIsNotFound() throws Exception {
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(stub);
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null))
        .when(stub)
        .startUpdate(any(UpdateOptions.class), any());

    operator(post("/api/requests/{id}/actions/cancel", WORKFLOW_ID))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  @Test
  void unknownActionIsNotFound() throws Exception {
    operator(post("/api/requests/{id}/actions/{action}", WORKFLOW_ID, "delete"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(
            jsonPath("$.detail").value("Unknown action; one of retry, skip-release, cancel"));

    verifyNoInteractions(client);
  }

  @Test
  void overlongReasonIsABadRequest() throws Exception {
    operator(
            post("/api/requests/{id}/actions/retry", WORKFLOW_ID)
                .contentType(JSON)
                .content("{\"reason\": \"" + "x".repeat(501) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.FIELD_OUT_OF_BOUNDS.toString()))
        .andExpect(jsonPath("$.field").value("reason"));

    verifyNoInteractions(client);
  }

  @Test
  void missingBearerTokenIsUnauthorizedWithAChallenge() throws Exception {
    mvc.perform(get("/api/requests/{id}", WORKFLOW_ID))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"temporarr\""))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));

    verifyNoInteractions(client);
  }

  @Test
  void wrongBearerTokenIsUnauthorized() throws Exception {
    mvc.perform(
            post("/api/requests/{id}/actions/cancel", WORKFLOW_ID)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCredentials.QBITTORRENT))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }

  @Test
  void seerrCredentialDoesNotOpenTheOperatorApi() throws Exception {
    mvc.perform(get("/api/requests").header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() throws Exception {
    MediaRequestWorkflow workflow = mock(MediaRequestWorkflow.class);
    when(client.newWorkflowStub(MediaRequestWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
    when(workflow.status()).thenReturn(NEEDS_ATTENTION);

    mvc.perform(
            get("/api/requests/{id}", WORKFLOW_ID)
                .header(HttpHeaders.AUTHORIZATION, "bearer " + TestCredentials.OPERATOR))
        .andExpect(status().isOk());
  }

  @SuppressWarnings("unchecked")
  private WorkflowUpdateHandle<RequestStatus> updateAnswers() {
    WorkflowUpdateHandle<RequestStatus> handle = mock(WorkflowUpdateHandle.class);
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(stub);
    when(stub.<RequestStatus>startUpdate(any(UpdateOptions.class), any())).thenReturn(handle);
    return handle;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ArgumentCaptor<UpdateOptions<RequestStatus>> updateOptions() {
    return (ArgumentCaptor) ArgumentCaptor.forClass(UpdateOptions.class);
  }

  private WorkflowServiceGrpc.WorkflowServiceBlockingStub visibilityAnswers() {
    WorkflowServiceStubs services = mock(WorkflowServiceStubs.class);
    WorkflowServiceGrpc.WorkflowServiceBlockingStub visibility =
        mock(WorkflowServiceGrpc.WorkflowServiceBlockingStub.class);
    when(client.getWorkflowServiceStubs()).thenReturn(services);
    when(client.getOptions())
        .thenReturn(
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .validateAndBuildWithDefaults());
    when(services.blockingStub()).thenReturn(visibility);
    WorkflowExecutionInfo info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).setRunId("run-1"))
            .setType(WorkflowType.newBuilder().setName(RequestWorkflows.WORKFLOW_TYPE))
            .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .setStartTime(Timestamp.newBuilder().setSeconds(1795687200L))
            .setSearchAttributes(
                SearchAttributesUtil.encodeTyped(
                    io.temporal.common.SearchAttributes.newBuilder()
                        .set(SearchAttributes.MEDIA_TYPE, "movie")
                        .set(SearchAttributes.MEDIA_TITLE, "Dune: Part Two")
                        .set(SearchAttributes.REQUEST_STATE, "NeedsAttention")
                        .set(SearchAttributes.REQUEST_STAGE, "Download")
                        .set(SearchAttributes.TMDB_ID, 693134L)
                        .build()))
            .build();
    when(visibility.listWorkflowExecutions(any()))
        .thenReturn(
            ListWorkflowExecutionsResponse.newBuilder()
                .addExecutions(info)
                .setNextPageToken(ByteString.copyFromUtf8("page-2"))
                .build());
    return visibility;
  }

  private String nextPageToken(ResultActions list) throws Exception {
    String token =
        JsonPath.read(list.andReturn().getResponse().getContentAsString(), "$.nextPageToken");
    assertThat(token).isNotBlank();
    return token;
  }

  private ResultActions operator(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(
        request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCredentials.OPERATOR));
  }
}
