package io.temporarr.gateway.seerr;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(
    controllers = SeerrWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY
    })
@Import({SeerrNotifications.class, RequestIntake.class, RequestWorkflows.class})
class SeerrWebhookControllerTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final org.springframework.http.MediaType PROBLEM =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
  private static final org.springframework.http.MediaType JSON =
      org.springframework.http.MediaType.APPLICATION_JSON;

  @Autowired private MockMvc mvc;
  @MockitoBean private WorkflowClient client;

  private final WorkflowStub startStub = mock(WorkflowStub.class);
  private final AtomicReference<MediaRequestInput> started = new AtomicReference<>();

  /** The correlation ID in the memo of the run the server returns; null = this delivery's own. */
  private final AtomicReference<String> creator = new AtomicReference<>();

  @BeforeEach
  void temporalStartsRuns() {
    when(client.newUntypedWorkflowStub(
            eq(RequestWorkflows.WORKFLOW_TYPE), any(WorkflowOptions.class)))
        .thenReturn(startStub);
    when(startStub.start(any()))
        .thenAnswer(
            invocation -> {
              started.set(invocation.getArgument(0));
              return WorkflowExecution.newBuilder()
                  .setWorkflowId(WORKFLOW_ID)
                  .setRunId("run-1")
                  .build();
            });
    WorkflowExecutionDescription description = mock(WorkflowExecutionDescription.class);
    when(startStub.describe()).thenReturn(description);
    when(description.getMemo("correlationId", String.class))
        .thenAnswer(
            invocation -> creator.get() != null ? creator.get() : started.get().correlationId());
  }

  @Test
  void movieApprovalStartsTheRequestWorkflowUnderItsNaturalKey() throws Exception {
    deliver(fixture("seerr/movie-approved.json"))
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, "/api/requests/" + WORKFLOW_ID))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.runId").value("run-1"))
        .andExpect(jsonPath("$.alreadyExisted").value(false));

    WorkflowOptions options = startOptions();
    assertThat(options.getWorkflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(options.getTaskQueue()).isEqualTo(TaskQueues.MEDIA_REQUESTS);
    assertThat(options.getWorkflowIdConflictPolicy())
        .isEqualTo(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
    assertThat(options.getWorkflowIdReusePolicy())
        .isEqualTo(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
    SearchAttributes attributes = options.getTypedSearchAttributes();
    assertThat(attributes.size()).isEqualTo(7);
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.MEDIA_TYPE))
        .isEqualTo("movie");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.MEDIA_TITLE))
        .isEqualTo("Dune: Part Two");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.REQUEST_SOURCE))
        .isEqualTo("seerr");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.REQUEST_STATE))
        .isEqualTo("Active");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.REQUEST_STAGE))
        .isEqualTo("Search");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.REQUESTED_BY))
        .isEqualTo("alice");
    assertThat(attributes.get(io.temporarr.workflows.common.SearchAttributes.TMDB_ID))
        .isEqualTo(693134L);

    MediaRequestInput input = started.get();
    assertThat(input.source()).isEqualTo("seerr");
    assertThat(input.sourceRequestId()).isEqualTo("42");
    assertThat(input.mediaType()).isEqualTo(MediaType.MOVIE);
    assertThat(input.title()).isEqualTo("Dune: Part Two");
    assertThat(input.year()).isEqualTo(2024);
    assertThat(input.tmdbId()).isEqualTo(693134);
    assertThat(input.tvdbId()).isNull();
    assertThat(input.seasons()).isEmpty();
    assertThat(input.requestedBy()).isEqualTo("alice");
    assertThat(input.eventId()).isEqualTo("seerr:42:MEDIA_APPROVED");
    assertThat(input.correlationId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.{4}-.{12}");

    assertThat(options.getMemo())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "title",
                "Dune: Part Two",
                "year",
                2024,
                "requestedBy",
                "alice",
                "correlationId",
                input.correlationId()));
    // The requester's e-mail address is personal data: it never reaches Temporal.
    assertThat(input.toString() + options.getMemo() + attributes.getUntypedValues())
        .doesNotContain("alice@example.com");
  }

  @Test
  void tvApprovalCarriesTheRequestedSeasons() throws Exception {
    deliver(fixture("seerr/tv-approved.json"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value("media-request:seerr:43"));

    MediaRequestInput input = started.get();
    assertThat(input.mediaType()).isEqualTo(MediaType.TV);
    assertThat(input.title()).isEqualTo("Severance");
    assertThat(input.year()).isEqualTo(2022);
    assertThat(input.tmdbId()).isEqualTo(95396);
    assertThat(input.tvdbId()).isEqualTo(371980);
    assertThat(input.seasons()).containsExactly(1, 2);
    assertThat(input.requestedBy()).isEqualTo("bob");
    assertThat(input.eventId()).isEqualTo("seerr:43:MEDIA_AUTO_APPROVED");
    assertThat(
            startOptions()
                .getTypedSearchAttributes()
                .get(io.temporarr.workflows.common.SearchAttributes.MEDIA_TYPE))
        .isEqualTo("tv");
  }

  @Test
  void aTwoKilobyteTitleIsABadRequestNamingTheTitle() throws Exception {
    deliver(
            fixture("seerr/movie-approved.json")
                .replace("Dune: Part Two (2024)", "D".repeat(2048) + " (2024)"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.FIELD_OUT_OF_BOUNDS.toString()))
        .andExpect(jsonPath("$.field").value("subject"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("title")));

    verifyNoInteractions(client);
  }

  @Test
  void aThousandSeasonsIsABadRequestNamingTheSeasons() throws Exception {
    String seasons = TestCredentials.seasonList(1000);
    deliver(fixture("seerr/tv-approved.json").replace("\"1, 2\"", "\"" + seasons + "\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(GatewayProblem.FIELD_OUT_OF_BOUNDS.toString()))
        .andExpect(jsonPath("$.field").value("extra[Requested Seasons]"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("seasons")));

    verifyNoInteractions(client);
  }

  @Test
  void everyFieldIsBoundedAndNamedAsTheJsonNamesIt() throws Exception {
    deliver(fixture("seerr/tv-approved.json").replace("\"bob\"", "\"" + "b".repeat(129) + "\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("request.requestedBy_username"));

    verifyNoInteractions(client);
  }

  @Test
  void subjectWithoutYearIsTheWholeTitle() throws Exception {
    deliver(fixture("seerr/movie-approved.json").replace("Dune: Part Two (2024)", "Dune"))
        .andExpect(status().isAccepted());

    assertThat(started.get().title()).isEqualTo("Dune");
    assertThat(started.get().year()).isNull();
  }

  @Test
  void repeatedDeliveryConvergesOnTheRunAnEarlierDeliveryStarted() throws Exception {
    creator.set("correlation-of-the-first-delivery");

    deliver(fixture("seerr/movie-approved.json"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.runId").value("run-1"))
        .andExpect(jsonPath("$.alreadyExisted").value(true));
  }

  @Test
  void approvalOfAnAlreadyCompletedRequestStartsNothing() throws Exception {
    doThrow(
            new WorkflowExecutionAlreadyStarted(
                WorkflowExecution.newBuilder()
                    .setWorkflowId(WORKFLOW_ID)
                    .setRunId("finished-run")
                    .build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null))
        .when(startStub)
        .start(any());

    deliver(fixture("seerr/movie-approved.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));
  }

  @Test
  void testNotificationIsAnsweredAndStartsNothing() throws Exception {
    deliver(fixture("seerr/test-notification.json"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(JSON))
        .andExpect(jsonPath("$.status").value("ignored"));

    verifyNoInteractions(client);
  }

  @Test
  void otherNotificationTypesAreIgnored() throws Exception {
    deliver(
            fixture("seerr/movie-approved.json")
                .replace("\"MEDIA_APPROVED\"", "\"MEDIA_AVAILABLE\""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"));

    verifyNoInteractions(client);
  }

  @Test
  void missingAuthorizationIsRejectedBeforeAnythingRuns() throws Exception {
    mvc.perform(
            post("/webhooks/seerr").contentType(JSON).content(fixture("seerr/movie-approved.json")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.UNAUTHORIZED.toString()))
        .andExpect(jsonPath("$.status").value(401));

    verifyNoInteractions(client);
  }

  @Test
  void wrongAuthorizationIsRejectedWithoutEchoingIt() throws Exception {
    String answer =
        mvc.perform(
                post("/webhooks/seerr")
                    .header(HttpHeaders.AUTHORIZATION, "Basic d3Jvbmc6c2VjcmV0LWd1ZXNz")
                    .contentType(JSON)
                    .content(fixture("seerr/movie-approved.json")))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(PROBLEM))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(answer).doesNotContain("d3Jvbmc6c2VjcmV0LWd1ZXNz").doesNotContain("Basic");
    verifyNoInteractions(client);
  }

  @Test
  void anotherCallersCredentialDoesNotOpenTheSeerrWebhook() throws Exception {
    mvc.perform(
            post("/webhooks/seerr")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCredentials.OPERATOR)
                .contentType(JSON)
                .content(fixture("seerr/movie-approved.json")))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(client);
  }

  @Test
  void declineCancelsTheRunningRequestThroughTheCancelUpdate() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = cancelUpdateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.completedFuture(null));

    deliver(fixture("seerr/movie-declined.json"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("accepted"));

    ArgumentCaptor<UpdateOptions<RequestStatus>> options = updateOptionsCaptor();
    ArgumentCaptor<Object> payload = ArgumentCaptor.forClass(Object.class);
    verify(updateStub).startUpdate(options.capture(), payload.capture());
    assertThat(options.getValue().getUpdateName()).isEqualTo("cancel");
    assertThat(options.getValue().getUpdateId()).isEqualTo("seerr:42:MEDIA_DECLINED");
    assertThat(options.getValue().getWaitForStage()).isEqualTo(WorkflowUpdateStage.ACCEPTED);
    assertThat(payload.getValue())
        .isEqualTo(new OperatorAction("seerr:42:MEDIA_DECLINED", "seerr", "declined in seerr"));
  }

  @Test
  void declineWithoutARunningRequestIsANoOp() throws Exception {
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(updateStub);
    when(updateStub.startUpdate(any(UpdateOptions.class), any()))
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                null));

    deliver(fixture("seerr/movie-declined.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    // A decline never starts the request it declines.
    verify(client, never())
        .newUntypedWorkflowStub(eq(RequestWorkflows.WORKFLOW_TYPE), any(WorkflowOptions.class));
    verify(startStub, never()).start(any());
  }

  @Test
  void declineTheRequestRefusesIsIgnoredAndStartsNothing() throws Exception {
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(updateStub);
    when(updateStub.startUpdate(any(UpdateOptions.class), any()))
        .thenThrow(
            new WorkflowUpdateException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                "seerr:42:MEDIA_DECLINED",
                "cancel",
                new IllegalStateException("already importing")));

    deliver(fixture("seerr/movie-declined.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    verify(startStub, never()).start(any());
  }

  @Test
  void aRepeatedDeclineCarriesTheSameEventIdSoTheCancelRunsOnce() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = cancelUpdateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.completedFuture(null));

    deliver(fixture("seerr/movie-declined.json")).andExpect(status().isAccepted());
    deliver(fixture("seerr/movie-declined.json")).andExpect(status().isAccepted());

    ArgumentCaptor<UpdateOptions<RequestStatus>> options = updateOptionsCaptor();
    verify(updateStub, times(2)).startUpdate(options.capture(), any());
    assertThat(options.getAllValues())
        .extracting(UpdateOptions::getUpdateId)
        .containsExactly("seerr:42:MEDIA_DECLINED", "seerr:42:MEDIA_DECLINED");
  }

  @Test
  void aTvDeclineCancelsTheSameWayAsAMovie() throws Exception {
    WorkflowUpdateHandle<RequestStatus> handle = cancelUpdateAnswers();
    when(handle.getResultAsync(anyLong(), any()))
        .thenReturn(CompletableFuture.completedFuture(null));

    deliver(
            fixture("seerr/movie-declined.json")
                .replace("\"media_type\": \"movie\"", "\"media_type\": \"tv\"")
                .replace(
                    "\"extra\": []",
                    "\"extra\": [{\"name\": \"Requested Seasons\", \"value\": \"1, 2\"}]"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    ArgumentCaptor<UpdateOptions<RequestStatus>> options = updateOptionsCaptor();
    verify(updateStub).startUpdate(options.capture(), any());
    assertThat(options.getValue().getUpdateName()).isEqualTo("cancel");
    verify(startStub, never()).start(any());
  }

  @Test
  void declineWithoutARequestIdIsUnprocessable() throws Exception {
    deliver(fixture("seerr/movie-declined.json").replace("\"42\"", "\"\""))
        .andExpect(status().isUnprocessableEntity());

    verify(client, never()).newUntypedWorkflowStub(any(String.class));
  }

  @Test
  void approvalWithoutRequestIdIsUnprocessableAndNamesTheField() throws Exception {
    deliver(fixture("seerr/movie-approved.json").replace("\"42\"", "\"\""))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.INVALID_FIELD.toString()))
        .andExpect(jsonPath("$.field").value("request.request_id"));

    verifyNoInteractions(client);
  }

  @Test
  void approvalWithoutMediaIsUnprocessableAndNamesTheField() throws Exception {
    String body =
        fixture("seerr/movie-approved.json")
            .replaceAll("(?s)\"media\": \\{.*?\\},", "\"media\": null,");
    assertThat(body).contains("\"media\": null");

    deliver(body)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.field").value("media"));

    verifyNoInteractions(client);
  }

  @Test
  void requestIdThatCannotFormAWorkflowIdIsUnprocessable() throws Exception {
    deliver(fixture("seerr/movie-approved.json").replace("\"42\"", "\"42/../7\""))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.field").value("request.request_id"));

    verifyNoInteractions(client);
  }

  @Test
  void unreadableSeasonListIsUnprocessable() throws Exception {
    deliver(fixture("seerr/tv-approved.json").replace("\"1, 2\"", "\"1, two\""))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.field").value("extra[Requested Seasons]"));

    verifyNoInteractions(client);
  }

  @Test
  void malformedJsonIsABadRequestProblemThatDoesNotQuoteTheBody() throws Exception {
    String answer =
        deliver("{\"notification_type\": \"MEDIA_APPROVED\", \"subject\": secret-looking-text")
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(PROBLEM))
            .andExpect(jsonPath("$.status").value(400))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(answer).doesNotContain("secret-looking-text");
    verifyNoInteractions(client);
  }

  @Test
  void nonJsonBodyIsUnsupportedMediaType() throws Exception {
    mvc.perform(
            post("/webhooks/seerr")
                .header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR)
                .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                .content("MEDIA_APPROVED 42"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));

    verifyNoInteractions(client);
  }

  @Test
  void bodyLargerThanOneMebibyteIsRefused() throws Exception {
    String padding = "x".repeat(1024 * 1024);
    deliver(
            fixture("seerr/movie-approved.json")
                .replace("\"message\": \"", "\"message\": \"" + padding))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.PAYLOAD_TOO_LARGE.toString()));

    verifyNoInteractions(client);
  }

  @Test
  void temporalUnavailableIsServiceUnavailableWithRetryAfter() throws Exception {
    doThrow(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception"))))
        .when(startStub)
        .start(any());

    deliver(fixture("seerr/movie-approved.json"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value(GatewayProblem.TEMPORAL_UNAVAILABLE.toString()));
  }

  @Test
  void otherTemporalFailuresAreInternalErrorProblems() throws Exception {
    doThrow(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build(),
                RequestWorkflows.WORKFLOW_TYPE,
                new StatusRuntimeException(
                    Status.INVALID_ARGUMENT.withDescription("search attribute not defined"))))
        .when(startStub)
        .start(any());

    deliver(fixture("seerr/movie-approved.json"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.detail").value("The gateway failed to handle the request."));
  }

  @Test
  void unknownPathIsANotFoundProblem() throws Exception {
    mvc.perform(post("/webhooks/sonarr").contentType(JSON).content("{}"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  @Test
  void wrongMethodIsAMethodNotAllowedProblem() throws Exception {
    mvc.perform(get("/webhooks/seerr").header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string(HttpHeaders.ALLOW, "POST"))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  private final WorkflowStub updateStub = mock(WorkflowStub.class);

  @SuppressWarnings("unchecked")
  private WorkflowUpdateHandle<RequestStatus> cancelUpdateAnswers() {
    WorkflowUpdateHandle<RequestStatus> handle = mock(WorkflowUpdateHandle.class);
    when(handle.getId()).thenReturn("seerr:42:MEDIA_DECLINED");
    when(client.newUntypedWorkflowStub(WORKFLOW_ID)).thenReturn(updateStub);
    when(updateStub.<RequestStatus>startUpdate(any(UpdateOptions.class), any())).thenReturn(handle);
    return handle;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ArgumentCaptor<UpdateOptions<RequestStatus>> updateOptionsCaptor() {
    return (ArgumentCaptor) ArgumentCaptor.forClass(UpdateOptions.class);
  }

  private WorkflowOptions startOptions() {
    ArgumentCaptor<WorkflowOptions> options = ArgumentCaptor.forClass(WorkflowOptions.class);
    verify(client).newUntypedWorkflowStub(eq(RequestWorkflows.WORKFLOW_TYPE), options.capture());
    return options.getValue();
  }

  private ResultActions deliver(String body) throws Exception {
    return mvc.perform(
        post("/webhooks/seerr")
            .header(HttpHeaders.AUTHORIZATION, TestCredentials.SEERR)
            .contentType(JSON)
            .content(body));
  }
}
