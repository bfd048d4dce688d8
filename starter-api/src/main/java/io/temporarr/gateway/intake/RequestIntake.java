package io.temporarr.gateway.intake;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * The one intake of every webhook source (Seerr, signed events, qBittorrent): what a delivery does
 * to its request workflow, and what its sender hears. A source's handler only reads its payload
 * into the workflow's records and names the delivery for the log ({@code "Seerr MEDIA_APPROVED"},
 * {@code "Event evt_1"}); starting, signalling, cancelling, queueing in the durable inbox and the
 * answer are decided here, alike for all of them.
 *
 * <p>Durable calls ({@link #start}, {@link #downloadFinished}, {@link #cancel}) are answered 202
 * when Temporal took them <em>or</em> they wait in the inbox ({@link RequestWorkflows}); an
 * operator style {@link #act action} is never queued. Every answer goes out through {@link
 * #respond}:
 *
 * <table>
 *   <caption>Outcome → answer</caption>
 *   <tr><th>outcome</th><th>answer</th></tr>
 *   <tr><td>run started, or found running (an earlier delivery's)</td>
 *       <td>202 {@code accepted} with {@code runId}, {@code alreadyExisted}</td></tr>
 *   <tr><td>signal, cancel or action taken</td>
 *       <td>202 {@code accepted}; with {@code updateId} while the update still runs</td></tr>
 *   <tr><td>kept in the durable inbox</td><td>202 {@code queued}</td></tr>
 *   <tr><td>start of a completed request; cancel of one not running or refusing</td>
 *       <td>200 {@code ignored} with {@code reason}</td></tr>
 *   <tr><td>signal or action for a request not running; action refused; Temporal away for an
 *       action; a field the handler cannot use</td>
 *       <td>404 / 409 / 503 / 422 problem+json (exceptions, rendered by the problem handler)</td></tr>
 * </table>
 *
 * <p>A 202 that names a workflow carries {@code Location: /api/requests/<workflow ID>}, where the
 * operator API shows the request.
 */
@Service
public class RequestIntake {
  private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

  private static final String REQUESTS = "/api/requests/";

  private final RequestWorkflows workflows;

  RequestIntake(RequestWorkflows workflows) {
    this.workflows = workflows;
  }

  /**
   * Starts the request, or finds the run that already holds it, or queues the start.
   *
   * @param delivery names the delivery in the log
   * @return started (202), queued (202), or ignored (200) when the request already completed: a
   *     late or replayed approval never fetches a finished request again
   */
  public Answer start(String delivery, MediaRequestInput input) {
    StartOutcome outcome = workflows.start(input);
    String workflowId = outcome.workflowId();
    if (outcome.queued()) {
      return queued(delivery, workflowId);
    }
    if (outcome.completedBefore()) {
      log.info("{} for {} ignored: the request already completed", delivery, workflowId);
      return Answer.ignored(workflowId, "request already completed");
    }
    log.info(
        "{} accepted: {} run {} (already existed: {})",
        delivery,
        workflowId,
        outcome.runId(),
        outcome.alreadyExisted());
    return Answer.started(workflowId, outcome.runId(), outcome.alreadyExisted());
  }

  /**
   * Sends {@code downloadFinished} (idempotent per the signal's event ID), or queues it.
   *
   * @return accepted or queued (202)
   * @throws WorkflowNotFoundException when the request is not running (404)
   */
  public Answer downloadFinished(String delivery, String workflowId, DownloadFinished signal) {
    return taken(delivery, workflowId, workflows.downloadFinished(workflowId, signal), null);
  }

  /**
   * Cancels the request because its source withdrew it, or queues the cancel: a lost cancel would
   * download what the user declined. Cancelling what is not running (any more), or what refuses to
   * be cancelled now, is a no-op, not an error. Idempotent per the action's event ID.
   *
   * @return accepted or queued (202), ignored (200)
   */
  public Answer cancel(String delivery, String workflowId, OperatorAction cancel) {
    Acceptance acceptance;
    try {
      acceptance = workflows.cancel(workflowId, cancel);
    } catch (WorkflowNotFoundException notRunning) {
      log.info("{} for {} ignored: no running request", delivery, workflowId);
      return Answer.ignored(workflowId, "no running request");
    } catch (WorkflowUpdateException refused) {
      log.info("{} for {} ignored: the request refused to cancel", delivery, workflowId);
      return Answer.ignored(workflowId, "request cannot be cancelled in its current state");
    }
    return taken(delivery, workflowId, acceptance, cancel.eventId());
  }

  /**
   * Runs an operator action as the operator API does: never queued, so the sender learns that a
   * request is not running or refused the action. Idempotent per the action's event ID.
   *
   * @return accepted (202), with {@code updateId} while the update still runs
   * @throws WorkflowNotFoundException when the request is not running (404)
   * @throws WorkflowUpdateException when the workflow refused the action (409)
   */
  public Answer act(
      String delivery, String workflowId, RequestAction action, OperatorAction payload) {
    ActionOutcome outcome = workflows.act(workflowId, action, payload);
    log.info("{}: {} on {} accepted", delivery, action.path(), workflowId);
    return outcome.isCompleted()
        ? Answer.accepted(outcome.workflowId())
        : Answer.updating(outcome.workflowId(), outcome.updateId());
  }

  /** The HTTP answer of every webhook: 202 when accepted or queued, else 200; same body. */
  public static ResponseEntity<Answer> respond(Answer answer) {
    if (!answer.isAccepted()) {
      return ResponseEntity.ok(answer);
    }
    ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted();
    if (answer.workflowId() != null) {
      accepted.location(URI.create(REQUESTS + answer.workflowId()));
    }
    return accepted.body(answer);
  }

  private static Answer taken(
      String delivery, String workflowId, Acceptance acceptance, String updateId) {
    if (acceptance == Acceptance.QUEUED) {
      return queued(delivery, workflowId);
    }
    if (acceptance == Acceptance.IN_PROGRESS) {
      log.info("{} accepted by {}, still running (update {})", delivery, workflowId, updateId);
      return Answer.updating(workflowId, updateId);
    }
    log.info("{} accepted by {}", delivery, workflowId);
    return Answer.accepted(workflowId);
  }

  private static Answer queued(String delivery, String workflowId) {
    log.info("{} for {} kept in the inbox", delivery, workflowId);
    return Answer.queued(workflowId);
  }
}
