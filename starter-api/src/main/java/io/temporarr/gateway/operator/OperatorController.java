package io.temporarr.gateway.operator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.problem.InputLimits;
import io.temporarr.gateway.security.Credential;
import io.temporarr.gateway.security.RequiresCredential;
import io.temporarr.gateway.temporal.ActionOutcome;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.gateway.temporal.RequestPage;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API: inspect request workflows and steer them with updates. */
@RestController
@RequestMapping("/api/requests")
@RequiresCredential(Credential.OPERATOR)
@SecurityRequirement(name = "operator")
class OperatorController {
  private static final Logger log = LoggerFactory.getLogger(OperatorController.class);

  static final String ACTOR = "operator";
  static final int MAX_PAGE_SIZE = 100;

  private final RequestWorkflows workflows;
  private final PageTokens pageTokens;

  OperatorController(RequestWorkflows workflows, GatewayProperties properties) {
    this.workflows = workflows;
    this.pageTokens = new PageTokens(properties.operator().token());
  }

  @Operation(summary = "Status of one request (the workflow's status query)")
  @GetMapping("/{workflowId}")
  RequestStatus status(@PathVariable String workflowId) {
    return workflows.status(requestWorkflowId(workflowId));
  }

  @Operation(
      summary = "List requests, newest first",
      description =
          "Visibility query WorkflowType=\"MediaRequestWorkflow\" [AND RequestState=\"<state>\"].")
  @GetMapping
  RequestList list(
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int pageSize,
      @RequestParam(required = false) String pageToken) {
    RequestState filter = state == null ? null : state(state);
    String query = filter == null ? "" : filter.keyword();
    byte[] temporalToken =
        pageToken == null || pageToken.isBlank() ? null : pageTokens.open(pageToken, query);
    RequestPage page = workflows.list(filter, pageSize, temporalToken);
    return new RequestList(
        filter == null ? null : filter.keyword(),
        page.requests(),
        page.nextPageToken() == null ? null : pageTokens.seal(page.nextPageToken(), query));
  }

  @Operation(
      summary = "Run an operator action (retry, skip-release, cancel)",
      description =
          "200 with the new status when the workflow finished the update in time, 202 when it"
              + " accepted it and is still working, 409 when its validator refused it.")
  @PostMapping("/{workflowId}/actions/{action}")
  ResponseEntity<Object> act(
      @PathVariable String workflowId,
      @PathVariable("action") String actionName,
      @RequestBody(required = false) ActionRequest body) {
    InputLimits.check(body);
    String id = requestWorkflowId(workflowId);
    RequestAction action =
        RequestAction.fromPath(actionName)
            .orElseThrow(
                () ->
                    GatewayProblem.notFound(
                        "Unknown action; one of "
                            + Arrays.stream(RequestAction.values())
                                .map(RequestAction::path)
                                .collect(Collectors.joining(", "))));
    OperatorAction payload =
        new OperatorAction(
            ACTOR + ":" + UUID.randomUUID(), ACTOR, body == null ? null : body.reason());
    ActionOutcome outcome = workflows.act(id, action, payload);
    log.info("Operator {} on {} accepted (update {})", action.path(), id, outcome.updateId());
    if (outcome.isCompleted()) {
      return ResponseEntity.ok(outcome.status());
    }
    return ResponseEntity.accepted().body(Answer.updating(id, outcome.updateId()));
  }

  /** Only request workflows are reachable here; any other ID is simply not found. */
  private static String requestWorkflowId(String workflowId) {
    if (!WorkflowIds.isMediaRequest(workflowId)) {
      throw GatewayProblem.notFound("No request workflow has this ID.");
    }
    return workflowId;
  }

  private static RequestState state(String keyword) {
    return Arrays.stream(RequestState.values())
        .filter(candidate -> candidate.keyword().equals(keyword))
        .findFirst()
        .orElseThrow(
            () ->
                GatewayProblem.invalidParameter(
                    "state",
                    "must be one of "
                        + Arrays.stream(RequestState.values())
                            .map(RequestState::keyword)
                            .collect(Collectors.joining(", "))));
  }
}
