package io.temporarr.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.temporal.Acceptance;
import io.temporarr.gateway.temporal.ActionOutcome;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.gateway.temporal.StartOutcome;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Every source's outcome becomes the same answer: the one mapping of the gateway's webhooks. */
class RequestIntakeTest {
  private static final String WORKFLOW_ID = "media-request:seerr:42";
  private static final MediaRequestInput INPUT =
      MediaRequestInput.movie("seerr", "42", "Dune", 2021, 438631);
  private static final DownloadFinished FINISHED =
      new DownloadFinished("qbt:abc:finished", "abc", null);
  private static final OperatorAction CANCEL =
      new OperatorAction("evt_c1", "events", "changed my mind");

  private final RequestWorkflows workflows = mock(RequestWorkflows.class);
  private final RequestIntake intake = new RequestIntake(workflows);

  @Test
  void aStartedRunIsAcceptedWithItsRunAndLocation() {
    ResponseEntity<Answer> started =
        startAnswered(new StartOutcome(WORKFLOW_ID, "run-1", true, false, false));

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(started.getHeaders().getLocation())
        .isEqualTo(URI.create("/api/requests/" + WORKFLOW_ID));
    assertThat(started.getBody()).isEqualTo(Answer.started(WORKFLOW_ID, "run-1", true));
  }

  @Test
  void aStartOfACompletedRequestIsIgnoredWithoutLocation() {
    ResponseEntity<Answer> ignored =
        startAnswered(new StartOutcome(WORKFLOW_ID, "run-0", true, true, false));

    assertThat(ignored.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ignored.getHeaders().getLocation()).isNull();
    assertThat(ignored.getBody())
        .isEqualTo(Answer.ignored(WORKFLOW_ID, "request already completed"));
  }

  @Test
  void everyDurableCallTheInboxKeptIsQueued() {
    when(workflows.start(INPUT)).thenReturn(StartOutcome.queued(WORKFLOW_ID));
    when(workflows.downloadFinished(WORKFLOW_ID, FINISHED)).thenReturn(Acceptance.QUEUED);
    when(workflows.cancel(WORKFLOW_ID, CANCEL)).thenReturn(Acceptance.QUEUED);

    assertThat(
            List.of(
                intake.start("test", INPUT),
                intake.downloadFinished("test", WORKFLOW_ID, FINISHED),
                intake.cancel("test", WORKFLOW_ID, CANCEL)))
        .containsOnly(Answer.queued(WORKFLOW_ID));
    assertThat(RequestIntake.respond(Answer.queued(WORKFLOW_ID)).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void aCancelStillRunningNamesItsUpdateAndOneDoneDoesNot() {
    when(workflows.cancel(WORKFLOW_ID, CANCEL))
        .thenReturn(Acceptance.IN_PROGRESS)
        .thenReturn(Acceptance.DELIVERED);

    assertThat(intake.cancel("test", WORKFLOW_ID, CANCEL))
        .isEqualTo(Answer.updating(WORKFLOW_ID, "evt_c1"));
    assertThat(intake.cancel("test", WORKFLOW_ID, CANCEL)).isEqualTo(Answer.accepted(WORKFLOW_ID));
  }

  @Test
  void aCancelOfARequestNotRunningOrRefusingIsIgnored() {
    when(workflows.cancel(WORKFLOW_ID, CANCEL))
        .thenThrow(notFound())
        .thenThrow(new WorkflowUpdateException(execution(), "evt_c1", "cancel", null));

    assertThat(intake.cancel("test", WORKFLOW_ID, CANCEL))
        .isEqualTo(Answer.ignored(WORKFLOW_ID, "no running request"));
    assertThat(intake.cancel("test", WORKFLOW_ID, CANCEL))
        .isEqualTo(Answer.ignored(WORKFLOW_ID, "request cannot be cancelled in its current state"));
  }

  @Test
  void aSignalForARequestNotRunningReachesTheProblemHandler() {
    when(workflows.downloadFinished(WORKFLOW_ID, FINISHED)).thenThrow(notFound());

    assertThatThrownBy(() -> intake.downloadFinished("test", WORKFLOW_ID, FINISHED))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @ParameterizedTest
  @EnumSource(value = RequestAction.class)
  void anActionIsAcceptedWithItsUpdateWhileItRuns(RequestAction action) {
    when(workflows.act(WORKFLOW_ID, action, CANCEL))
        .thenReturn(new ActionOutcome(WORKFLOW_ID, "evt_c1", null));

    assertThat(intake.act("test", WORKFLOW_ID, action, CANCEL))
        .isEqualTo(Answer.updating(WORKFLOW_ID, "evt_c1"));
  }

  @Test
  void anAnswerWithoutWorkflowHasNoLocation() {
    ResponseEntity<Answer> accepted = RequestIntake.respond(Answer.accepted(null));
    ResponseEntity<Answer> ignored = RequestIntake.respond(Answer.ignored(null, "nothing to do"));

    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(accepted.getHeaders().getLocation()).isNull();
    assertThat(ignored.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<Answer> startAnswered(StartOutcome outcome) {
    when(workflows.start(INPUT)).thenReturn(outcome);
    return RequestIntake.respond(intake.start("test", INPUT));
  }

  private static WorkflowNotFoundException notFound() {
    return new WorkflowNotFoundException(execution(), RequestWorkflows.WORKFLOW_TYPE, null);
  }

  private static WorkflowExecution execution() {
    return WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).build();
  }
}
