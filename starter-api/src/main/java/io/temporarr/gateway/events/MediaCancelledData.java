package io.temporarr.gateway.events;

/**
 * {@code data} of {@code media.cancelled} ({@code docs/events/media.cancelled.v1.schema.json}):
 * names the request by {@code workflowId} or by {@code source} and {@code sourceRequestId}.
 *
 * @param reason recorded in the request's audit log
 */
public record MediaCancelledData(
    String workflowId, String source, String sourceRequestId, String reason) {}
