package io.temporarr.gateway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every successful webhook or action answer.
 *
 * @param workflowId the request workflow the call went to, when there is one
 * @param status {@code accepted} (durably handed to Temporal), {@code queued} (Temporal was
 *     unreachable: kept in the gateway's durable inbox and delivered when it answers again) or
 *     {@code ignored} (nothing done)
 * @param runId the run that holds the request, for an accepted start
 * @param alreadyExisted for an accepted start: whether an earlier delivery had already started it
 *     (absent when that could not be determined)
 * @param updateId for an action still running when the answer was sent
 * @param reason why an event was ignored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(
    String workflowId,
    String status,
    String runId,
    Boolean alreadyExisted,
    String updateId,
    String reason) {

  public static final String ACCEPTED = "accepted";
  public static final String QUEUED = "queued";
  public static final String IGNORED = "ignored";

  public static Answer started(String workflowId, String runId, Boolean alreadyExisted) {
    return new Answer(workflowId, ACCEPTED, runId, alreadyExisted, null, null);
  }

  public static Answer accepted(String workflowId) {
    return new Answer(workflowId, ACCEPTED, null, null, null, null);
  }

  public static Answer updating(String workflowId, String updateId) {
    return new Answer(workflowId, ACCEPTED, null, null, updateId, null);
  }

  public static Answer queued(String workflowId) {
    return new Answer(workflowId, QUEUED, null, null, null, null);
  }

  public static Answer ignored(String workflowId, String reason) {
    return new Answer(workflowId, IGNORED, null, null, null, reason);
  }

  /** Accepted or queued: the sender gets 202 and must not send it again. */
  @JsonIgnore
  public boolean isAccepted() {
    return ACCEPTED.equals(status) || QUEUED.equals(status);
  }
}
