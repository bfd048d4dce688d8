package io.temporarr.gateway.events;

/**
 * {@code data} of {@code request.action} ({@code docs/events/request.action.v1.schema.json}).
 *
 * @param action {@code retry}, {@code skip-release} or {@code cancel}, as in the operator API path
 * @param reason recorded in the request's audit log
 */
public record RequestActionData(String workflowId, String action, String reason) {}
