package io.temporarr.workflows.request;

/**
 * The last failure, for operators.
 *
 * @param type the failure type (see ErrorTypes), or a workflow-level cause such as "stalled"
 * @param activityType the activity that failed, or null
 * @param attempts how many attempts the activity made
 */
public record ErrorInfo(
    String at,
    RequestStage stage,
    String type,
    String message,
    String activityType,
    int attempts) {}
