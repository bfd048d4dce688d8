package io.temporarr.gateway.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.TemporalFailure;
import io.temporarr.gateway.inbox.InboxStore;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem: Spring MVC's own exceptions (404 unknown path, 405,
 * 415, 400 unreadable body …) through {@link ResponseEntityExceptionHandler}, {@link
 * GatewayProblem}s as they are, and Temporal client failures by what they mean for the caller.
 * Temporal being unreachable is 503 with {@code Retry-After}: the event was not accepted and the
 * sender may try again. Details never echo request bodies or credentials.
 */
@RestControllerAdvice
class GatewayExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

  /** A short hint: the client library reconnects on its own once the frontend answers again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Duration inboxRetryAfter;

  GatewayExceptionHandler(
      @Value("${temporarr.gateway.inbox.full-retry-after:30s}") Duration inboxRetryAfter) {
    this.inboxRetryAfter = inboxRetryAfter;
  }

  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    BodyTooLargeException tooLarge = cause(ex, BodyTooLargeException.class);
    if (tooLarge != null) {
      GatewayProblem problem = GatewayProblem.payloadTooLarge(tooLarge.limitBytes());
      return handleExceptionInternal(
          problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
    }
    BodyReadTimeoutException tooSlow = cause(ex, BodyReadTimeoutException.class);
    if (tooSlow != null) {
      log.warn("Request body not received within {}: cut with 408", tooSlow.timeout());
      GatewayProblem problem = GatewayProblem.bodyReadTimeout(tooSlow.timeout());
      return handleExceptionInternal(
          problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
    }
    StreamConstraintsException limit = cause(ex, StreamConstraintsException.class);
    if (limit != null) {
      return handleExceptionInternal(
          ex, GatewayProblem.jsonLimit(limit), headers, HttpStatus.BAD_REQUEST, request);
    }
    MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
    String field = mismatch == null ? "" : jsonPath(mismatch);
    if (!field.isEmpty()) {
      ProblemDetail body =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_REQUEST, field + ": not of the expected JSON type.");
      body.setProperty("field", field);
      return handleExceptionInternal(ex, body, headers, status, request);
    }
    // The parser's message can quote the body, so it stays out of the answer.
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON.");
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  @ExceptionHandler(WorkflowNotFoundException.class)
  ResponseEntity<Object> workflowNotFound(WorkflowNotFoundException ex, WebRequest request) {
    GatewayProblem problem =
        GatewayProblem.notFound(
            "Request workflow "
                + ex.getExecution().getWorkflowId()
                + " does not exist or is no longer running.");
    return render(problem, request);
  }

  /** The workflow's update validator (or handler) refused the action; its message says why. */
  @ExceptionHandler(WorkflowUpdateException.class)
  ResponseEntity<Object> updateRejected(WorkflowUpdateException ex, WebRequest request) {
    ProblemDetail body =
        GatewayProblem.problem(
            HttpStatus.CONFLICT,
            GatewayProblem.ACTION_REJECTED,
            "Action rejected",
            rejectionMessage(ex));
    body.setProperty("workflowId", ex.getExecution().getWorkflowId());
    body.setProperty("update", ex.GetUpdateName());
    return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  /**
   * The workflow did not accept an update within the call timeout: usually no worker is polling.
   */
  @ExceptionHandler(WorkflowUpdateTimeoutOrCancelledException.class)
  ResponseEntity<Object> updateNotAccepted(
      WorkflowUpdateTimeoutOrCancelledException ex, WebRequest request) {
    log.warn("Update on {} not accepted in time", ex.getExecution().getWorkflowId());
    ProblemDetail body =
        GatewayProblem.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            GatewayProblem.TEMPORAL_UNAVAILABLE,
            "Action not accepted in time",
            "The request workflow did not take the action in time (is a worker polling the"
                + " media-requests task queue?). It may still be applied later: check the"
                + " request's status before repeating it.");
    return handleExceptionInternal(ex, body, retryAfter(), HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  @ExceptionHandler({WorkflowException.class, StatusRuntimeException.class})
  ResponseEntity<Object> temporalFailure(RuntimeException ex, WebRequest request) {
    if (isTemporalUnavailable(ex)) {
      log.warn("Temporal unavailable: {}", statusOf(ex));
      return temporalUnavailable(ex, request);
    }
    if (isUnimplemented(ex)) {
      // The embedded test server has no list queries (advanced visibility): say so, not 500.
      log.warn("Temporal server does not implement the call: {}", statusOf(ex));
      ProblemDetail body =
          GatewayProblem.problem(
              HttpStatus.NOT_IMPLEMENTED,
              GatewayProblem.NOT_SUPPORTED_BY_SERVER,
              "Not supported by this Temporal server",
              "This Temporal server does not support the call (listing by search attribute needs"
                  + " advanced visibility: the dev server or a real cluster, not the embedded"
                  + " test server).");
      return handleExceptionInternal(
          ex, body, new HttpHeaders(), HttpStatus.NOT_IMPLEMENTED, request);
    }
    log.error("Temporal call failed: {}", statusOf(ex), ex);
    return internalError(ex, request);
  }

  static boolean isUnimplemented(Throwable ex) {
    StatusRuntimeException status = cause(ex, StatusRuntimeException.class);
    return status != null && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED;
  }

  /**
   * The durable inbox could not store a delivery (full disk, read-only or failing filesystem): 503
   * with {@code Retry-After} ({@code temporarr.gateway.inbox.full-retry-after}), never 500. Nothing
   * was acknowledged, so a sender that retries loses nothing.
   */
  @ExceptionHandler(InboxStore.InboxException.class)
  ResponseEntity<Object> inboxUnavailable(Exception ex, WebRequest request) {
    log.error("The durable inbox cannot store a delivery: {}", ex.getMessage(), ex);
    GatewayProblem problem = GatewayProblem.inboxUnavailable(inboxRetryAfter);
    return handleExceptionInternal(
        ex, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
    if (cause(ex, InboxStore.InboxException.class) != null) {
      return inboxUnavailable(ex, request);
    }
    if (isTemporalUnavailable(ex)) {
      log.warn("Temporal unavailable: {}", statusOf(ex));
      return temporalUnavailable(ex, request);
    }
    log.error("Unexpected failure", ex);
    return internalError(ex, request);
  }

  private ResponseEntity<Object> temporalUnavailable(Exception ex, WebRequest request) {
    ProblemDetail body =
        GatewayProblem.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            GatewayProblem.TEMPORAL_UNAVAILABLE,
            "Temporal unavailable",
            "Temporal did not answer in time; the call may not have taken effect. Try again later.");
    return handleExceptionInternal(ex, body, retryAfter(), HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  private static HttpHeaders retryAfter() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    return headers;
  }

  private ResponseEntity<Object> internalError(Exception ex, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed to handle the request.");
    return handleExceptionInternal(
        ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  private ResponseEntity<Object> render(GatewayProblem problem, WebRequest request) {
    return handleExceptionInternal(
        problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
  }

  static boolean isTemporalUnavailable(Throwable ex) {
    StatusRuntimeException status = cause(ex, StatusRuntimeException.class);
    return status != null && UNAVAILABLE.contains(status.getStatus().getCode());
  }

  private static String statusOf(Throwable ex) {
    StatusRuntimeException status = cause(ex, StatusRuntimeException.class);
    return status == null ? ex.getClass().getSimpleName() : status.getStatus().getCode().name();
  }

  private static String rejectionMessage(WorkflowUpdateException ex) {
    TemporalFailure failure = cause(ex, TemporalFailure.class);
    if (failure != null && failure.getOriginalMessage() != null) {
      return failure.getOriginalMessage();
    }
    return "The request workflow refused the action.";
  }

  /**
   * Where in the body a value had the wrong type, e.g. {@code request.request_id} or {@code
   * extra[0]}. Only names of bound properties and indexes: never a value from the body.
   */
  private static String jsonPath(MismatchedInputException mismatch) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mismatch.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
