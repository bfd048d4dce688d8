package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporarr.gateway.TestCredentials;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.temporal.Acceptance;
import io.temporarr.gateway.temporal.ActionOutcome;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.gateway.temporal.StartOutcome;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
    controllers = EventsWebhookController.class,
    properties = {
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      // Every test of this class shares the context and so the budgets; the limits have their own
      // tests (RateLimitInterceptorTest, SignedEventsAdmissionOnServerTest).
      "temporarr.gateway.admission.unverified-limit-for-period=100000",
      "temporarr.gateway.rate-limits.events.limit-for-period=100000"
    })
@Import({EventsConfiguration.class, SignedEvents.class, EventReader.class, RequestIntake.class})
class EventsWebhookControllerTest {
  private static final String PATH = "/webhooks/events";
  private static final String WORKFLOW_ID = "media-request:jellyseerr:42";
  private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";

  private static final String MOVIE_REQUESTED =
      """
      {"id": "evt_01J0", "type": "media.requested", "version": "1.0",
       "time": "2025-06-01T12:00:00Z", "correlationId": "corr-7", "causationId": "evt_00",
       "data": {"source": "jellyseerr", "sourceRequestId": "42", "mediaType": "movie",
                "title": " Dune: Part Two ", "year": 2024, "tmdbId": 693134,
                "imdbId": "tt15239678", "requestedBy": "alice"}}
      """;

  @Autowired private MockMvc mvc;
  @MockitoBean private RequestWorkflows workflows;

  @Test
  void mediaRequestedStartsTheRequestAndNamesItsWorkflow() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", false, false, false));

    signed(MOVIE_REQUESTED)
        .andExpect(status().isAccepted())
        .andExpect(header().string(HttpHeaders.LOCATION, "/api/requests/" + WORKFLOW_ID))
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("accepted"))
        .andExpect(jsonPath("$.runId").value("run-1"))
        .andExpect(jsonPath("$.alreadyExisted").value(false));

    ArgumentCaptor<MediaRequestInput> input = ArgumentCaptor.forClass(MediaRequestInput.class);
    verify(workflows).start(input.capture());
    assertThat(input.getValue())
        .isEqualTo(
            MediaRequestInput.builder()
                .source("jellyseerr")
                .sourceRequestId("42")
                .mediaType(MediaType.MOVIE)
                .title("Dune: Part Two")
                .year(2024)
                .tmdbId(693134)
                .imdbId("tt15239678")
                .requestedBy("alice")
                .correlationId("corr-7")
                .eventId("evt_01J0")
                .build());
  }

  @Test
  void aTwoKilobyteTitleIsABadRequestNamingTheTitle() throws Exception {
    signed(
            event(
                "media.requested",
                """
                {"source": "jellyseerr", "sourceRequestId": "43", "mediaType": "movie",
                 "title": "%s"}
                """
                    .formatted("D".repeat(2048))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(GatewayProblem.FIELD_OUT_OF_BOUNDS.toString()))
        .andExpect(jsonPath("$.field").value("data.title"));

    verifyNoInteractions(workflows);
  }

  @Test
  void aThousandSeasonsIsABadRequestNamingTheSeasons() throws Exception {
    String seasons = TestCredentials.seasonList(1000);
    signed(
            event(
                "media.requested",
                """
                {"source": "jellyseerr", "sourceRequestId": "43", "mediaType": "tv",
                 "title": "Severance", "seasons": [%s]}
                """
                    .formatted(seasons)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value(GatewayProblem.FIELD_OUT_OF_BOUNDS.toString()))
        .andExpect(jsonPath("$.field").value("data.seasons"));

    verifyNoInteractions(workflows);
  }

  @Test
  void anOverlongReasonIsABadRequestNamingTheReason() throws Exception {
    signed(
            event(
                "request.action",
                """
                {"workflowId": "%s", "action": "cancel", "reason": "%s"}
                """
                    .formatted(WORKFLOW_ID, "r".repeat(501))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("data.reason"));

    verifyNoInteractions(workflows);
  }

  @Test
  void tvRequestCarriesItsSeasonsInOrder() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", null, false, false));

    signed(
            event(
                "media.requested",
                """
                {"source": "jellyseerr", "sourceRequestId": "43", "mediaType": "tv",
                 "title": "Severance", "tvdbId": 371980, "seasons": [2, 1]}
                """))
        .andExpect(status().isAccepted());

    ArgumentCaptor<MediaRequestInput> input = ArgumentCaptor.forClass(MediaRequestInput.class);
    verify(workflows).start(input.capture());
    assertThat(input.getValue().mediaType()).isEqualTo(MediaType.TV);
    assertThat(input.getValue().seasons()).containsExactly(1, 2);
    assertThat(input.getValue().tvdbId()).isEqualTo(371980);
    // Without a correlation ID from the sender, each delivery gets its own.
    assertThat(input.getValue().correlationId()).isNotBlank();
  }

  @Test
  void requestThatAlreadyCompletedIsAnsweredAndIgnored() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-0", true, true, false));

    signed(MOVIE_REQUESTED)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.status").value("ignored"));
  }

  @Test
  void mediaCancelledBySourceKeyRunsTheCancelUpdateWithTheEventId() throws Exception {
    when(workflows.cancel(eq(WORKFLOW_ID), any())).thenReturn(Acceptance.IN_PROGRESS);

    signed(
            event(
                "evt_c1",
                "media.cancelled",
                """
                {"source": "jellyseerr", "sourceRequestId": "42", "reason": "declined"}
                """))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID))
        .andExpect(jsonPath("$.updateId").value("evt_c1"));

    verify(workflows)
        .cancel(WORKFLOW_ID, new OperatorAction("evt_c1", SignedEvents.ACTOR, "declined"));
  }

  @Test
  void cancellingARequestThatIsNotRunningIsANoOp() throws Exception {
    when(workflows.cancel(eq(WORKFLOW_ID), any())).thenThrow(notFound(WORKFLOW_ID));

    signed(event("media.cancelled", "{\"workflowId\": \"" + WORKFLOW_ID + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ignored"))
        .andExpect(jsonPath("$.reason").value("no running request"));
  }

  @Test
  void mediaCancelledNamingTheRequestTwiceIsASchemaViolation() throws Exception {
    signed(
            event(
                "media.cancelled",
                """
                {"workflowId": "%s", "source": "jellyseerr", "sourceRequestId": "42"}
                """
                    .formatted(WORKFLOW_ID)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.type").value(GatewayProblem.SCHEMA_VIOLATION.toString()))
        .andExpect(jsonPath("$.violations[0].pointer").value("/data"));

    verifyNoInteractions(workflows);
  }

  @Test
  void downloadFinishedSignalsTheRequestWithTheEventId() throws Exception {
    signed(
            event(
                "evt_d1",
                "download.finished",
                """
                {"infoHash": "%s", "workflowId": "%s:s2", "contentPath": "/downloads/Severance S02"}
                """
                    .formatted(HASH.toUpperCase(), WORKFLOW_ID)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID + ":s2"));

    verify(workflows)
        .downloadFinished(
            WORKFLOW_ID + ":s2", new DownloadFinished("evt_d1", HASH, "/downloads/Severance S02"));
  }

  @Test
  void requestActionRunsTheOperatorUpdate() throws Exception {
    when(workflows.act(eq(WORKFLOW_ID), eq(RequestAction.SKIP_RELEASE), any()))
        .thenReturn(new ActionOutcome(WORKFLOW_ID, "evt_a1", null));

    signed(
            event(
                "evt_a1",
                "request.action",
                """
                {"workflowId": "%s", "action": "skip-release", "reason": "fake release"}
                """
                    .formatted(WORKFLOW_ID)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value(WORKFLOW_ID));

    verify(workflows)
        .act(
            WORKFLOW_ID,
            RequestAction.SKIP_RELEASE,
            new OperatorAction("evt_a1", SignedEvents.ACTOR, "fake release"));
  }

  @Test
  void actionOnARequestThatIsNotRunningIsNotFound() throws Exception {
    when(workflows.act(eq(WORKFLOW_ID), eq(RequestAction.RETRY), any()))
        .thenThrow(notFound(WORKFLOW_ID));

    signed(
            event(
                "request.action",
                "{\"workflowId\": \"" + WORKFLOW_ID + "\", \"action\": \"retry\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value(GatewayProblem.NOT_FOUND.toString()));
  }

  @Test
  void signatureWithThePreviousSecretIsAcceptedDuringRotation() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", false, false, false));

    mvc.perform(
            post(PATH)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .headers(
                    EventSigner.headers(TestCredentials.EVENTS_PREVIOUS, newId(), MOVIE_REQUESTED))
                .content(MOVIE_REQUESTED))
        .andExpect(status().isAccepted());
  }

  @Test
  void unsignedDeliveryIsUnauthorized() throws Exception {
    mvc.perform(
            post(PATH)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(MOVIE_REQUESTED))
        .andExpect(status().isUnauthorized())
        .andExpect(problem())
        .andExpect(jsonPath("$.type").value(GatewayProblem.UNAUTHORIZED.toString()));

    verifyNoInteractions(workflows);
  }

  @Test
  void signatureWithoutIdAndTimestampIsUnauthorized() throws Exception {
    HttpHeaders headers = EventSigner.headers(TestCredentials.EVENTS, newId(), MOVIE_REQUESTED);
    headers.remove("webhook-timestamp");

    deliver(headers, MOVIE_REQUESTED)
        .andExpect(status().isUnauthorized())
        .andExpect(problem())
        .andExpect(jsonPath("$.detail").value(containsString("webhook-timestamp")));

    verifyNoInteractions(workflows);
  }

  @Test
  void bodyChangedAfterSigningIsUnauthorized() throws Exception {
    HttpHeaders headers = EventSigner.headers(TestCredentials.EVENTS, newId(), MOVIE_REQUESTED);

    deliver(headers, MOVIE_REQUESTED.replace("693134", "693135"))
        .andExpect(status().isUnauthorized())
        .andExpect(problem())
        .andExpect(jsonPath("$.detail").value(containsString("No v1 signature")));

    verifyNoInteractions(workflows);
  }

  @Test
  void signatureWithAnUnknownSecretIsUnauthorized() throws Exception {
    String unknown = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    deliver(EventSigner.headers(unknown, newId(), MOVIE_REQUESTED), MOVIE_REQUESTED)
        .andExpect(status().isUnauthorized())
        .andExpect(problem());

    verifyNoInteractions(workflows);
  }

  @Test
  void staleTimestampIsUnauthorized() throws Exception {
    Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));

    deliver(
            EventSigner.headers(TestCredentials.EVENTS, newId(), sixMinutesAgo, MOVIE_REQUESTED),
            MOVIE_REQUESTED)
        .andExpect(status().isUnauthorized())
        .andExpect(problem())
        .andExpect(jsonPath("$.detail").value(containsString("in the past")));

    verifyNoInteractions(workflows);
  }

  @Test
  void futureTimestampIsUnauthorized() throws Exception {
    Instant inSixMinutes = Instant.now().plus(Duration.ofMinutes(6));

    deliver(
            EventSigner.headers(TestCredentials.EVENTS, newId(), inSixMinutes, MOVIE_REQUESTED),
            MOVIE_REQUESTED)
        .andExpect(status().isUnauthorized())
        .andExpect(problem())
        .andExpect(jsonPath("$.detail").value(containsString("in the future")));

    verifyNoInteractions(workflows);
  }

  @Test
  void replayedWebhookIdGetsTheSameAnswerAndStartsNothingAgain() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", false, false, false))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", true, false, false));
    HttpHeaders headers = EventSigner.headers(TestCredentials.EVENTS, newId(), MOVIE_REQUESTED);

    String first =
        deliver(headers, MOVIE_REQUESTED)
            .andExpect(status().isAccepted())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String replay =
        deliver(headers, MOVIE_REQUESTED)
            .andExpect(status().isAccepted())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(replay).isEqualTo(first);
    verify(workflows, times(1)).start(any());
  }

  @Test
  void otherContentTypesAreUnsupported() throws Exception {
    HttpHeaders headers = EventSigner.headers(TestCredentials.EVENTS, newId(), MOVIE_REQUESTED);

    mvc.perform(
            post(PATH)
                .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                .headers(headers)
                .content(MOVIE_REQUESTED))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(problem());

    verifyNoInteractions(workflows);
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    signed("{\"id\": \"evt_1\", \"type\": ")
        .andExpect(status().isBadRequest())
        .andExpect(problem())
        .andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON."));

    verifyNoInteractions(workflows);
  }

  @Test
  void trailingContentAfterTheEventIsABadRequest() throws Exception {
    signed(MOVIE_REQUESTED + "{}").andExpect(status().isBadRequest()).andExpect(problem());

    verifyNoInteractions(workflows);
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutReachingTemporal() throws Exception {
    int depth = 5_000;
    String nested = "[".repeat(depth) + "]".repeat(depth);
    String body = MOVIE_REQUESTED.replace("\"requestedBy\": \"alice\"", "\"extra\": " + nested);

    signed(body).andExpect(status().is4xxClientError()).andExpect(problem());

    verifyNoInteractions(workflows);
  }

  @Test
  void unknownEventTypeIsUnprocessableAndNamesTheSupportedTypes() throws Exception {
    signed(event("media.rated", "{\"stars\": 5}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(problem())
        .andExpect(jsonPath("$.type").value(GatewayProblem.UNSUPPORTED_EVENT.toString()))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "Unknown event type media.rated; this gateway supports media.requested,"
                        + " media.cancelled, download.finished, request.action."));

    verifyNoInteractions(workflows);
  }

  @Test
  void newerMajorVersionIsUnprocessable() throws Exception {
    signed(MOVIE_REQUESTED.replace("\"version\": \"1.0\"", "\"version\": \"2.0\""))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(problem())
        .andExpect(jsonPath("$.type").value(GatewayProblem.UNSUPPORTED_EVENT.toString()))
        .andExpect(
            jsonPath("$.detail").value("version 2.0 is not supported, this gateway speaks 1.x"));

    verifyNoInteractions(workflows);
  }

  @Test
  void newerMinorVersionWithUnknownFieldsIsAccepted() throws Exception {
    when(workflows.start(any()))
        .thenReturn(new StartOutcome(WORKFLOW_ID, "run-1", false, false, false));
    String newer =
        MOVIE_REQUESTED
            .replace("\"version\": \"1.0\"", "\"version\": \"1.7\", \"priority\": \"high\"")
            .replace("\"year\": 2024", "\"year\": 2024, \"runtime\": {\"minutes\": 166}");

    signed(newer).andExpect(status().isAccepted());

    verify(workflows).start(any());
  }

  @Test
  void schemaViolationsAreListedByJsonPointerWithoutEchoingTheBody() throws Exception {
    String body =
        """
        {"id": "evt_bad", "type": "media.requested", "version": "1.0",
         "time": "yesterday-ish-SECRET-TIME",
         "data": {"source": "jellyseerr", "mediaType": "audiobook-SECRET-TYPE",
                  "title": "Dune", "tmdbId": -5}}
        """;

    String answer =
        signed(body)
            .andExpect(status().isUnprocessableEntity())
            .andExpect(problem())
            .andExpect(jsonPath("$.type").value(GatewayProblem.SCHEMA_VIOLATION.toString()))
            .andExpect(jsonPath("$.schema").value("envelope.v1.schema.json"))
            .andExpect(jsonPath("$.violations[0].pointer").value("/time"))
            .andExpect(jsonPath("$.violations[0].keyword").value("format"))
            .andExpect(content().string(not(containsString("SECRET"))))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(answer).doesNotContain("yesterday");

    signed(body.replace("yesterday-ish-SECRET-TIME", "2025-06-01T12:00:00Z"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.schema").value("media.requested.v1.schema.json"))
        .andExpect(
            jsonPath("$.violations[*].pointer")
                .value(
                    org.hamcrest.Matchers.containsInAnyOrder(
                        "/data/mediaType", "/data/sourceRequestId", "/data/tmdbId")))
        .andExpect(content().string(not(containsString("SECRET"))));

    verifyNoInteractions(workflows);
  }

  @Test
  void validTimeJavaCannotHoldIsAnInvalidField() throws Exception {
    // RFC 3339 (and the schema) allow a leap second; java.time does not.
    signed(MOVIE_REQUESTED.replace("2025-06-01T12:00:00Z", "2016-12-31T23:59:60Z"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(problem())
        .andExpect(jsonPath("$.field").value("time"));

    verifyNoInteractions(workflows);
  }

  @Test
  void bodyThatIsNotAnObjectIsASchemaViolation() throws Exception {
    signed("[1, 2, 3]")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.violations[0].pointer").value(""))
        .andExpect(jsonPath("$.violations[0].keyword").value("type"));

    verifyNoInteractions(workflows);
  }

  private ResultActions signed(String body) throws Exception {
    return deliver(EventSigner.headers(TestCredentials.EVENTS, newId(), body), body);
  }

  private ResultActions deliver(HttpHeaders headers, String body) throws Exception {
    return mvc.perform(
        post(PATH)
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .headers(headers)
            .content(body));
  }

  private static org.springframework.test.web.servlet.ResultMatcher problem() {
    return content()
        .contentTypeCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
  }

  private static String event(String type, String data) {
    return event("evt_" + UUID.randomUUID(), type, data);
  }

  private static String event(String id, String type, String data) {
    return """
        {"id": "%s", "type": "%s", "version": "1.0", "time": "2025-06-01T12:00:00Z", "data": %s}
        """
        .formatted(id, type, data);
  }

  /** A fresh webhook-id, so no test sees another's remembered answer. */
  private static String newId() {
    return "msg_" + UUID.randomUUID();
  }

  private static WorkflowNotFoundException notFound(String workflowId) {
    return new WorkflowNotFoundException(
        WorkflowExecution.newBuilder().setWorkflowId(workflowId).build(),
        RequestWorkflows.WORKFLOW_TYPE,
        null);
  }
}
