package io.temporarr.workflows.notify;

/**
 * A message about a request.
 *
 * @param idempotencyKey stable per (workflow, event, occurrence): receivers that support it
 *     (generic webhook header {@code Idempotency-Key}, ntfy message id) drop repeats caused by
 *     retries
 */
public record Notification(
    String idempotencyKey,
    RequestEvent event,
    String workflowId,
    String title,
    String message,
    String correlationId) {}
