package io.temporarr.workflows.request;

/**
 * The last failure, for operators.
 *
 * @param type the failure type (see ErrorTypes), or a workflow-level cause such as "stalled"
 * @param activityType the activity that failed, or null
 * @param attempts how many times in a row this failure stopped the stage (1 the first time; an
 *     operator retry that fails the same way makes it 2). The activity's own retries inside one
 *     call happen on the server and are not visible to workflow code (Temporal's ActivityFailure
 *     carries no attempt count); the Web UI shows them on the activity's events.
 */
public record ErrorInfo(
    String at,
    RequestStage stage,
    String type,
    String message,
    String activityType,
    int attempts) {}
