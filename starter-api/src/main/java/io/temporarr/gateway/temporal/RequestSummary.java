package io.temporarr.gateway.temporal;

import java.time.Instant;

/**
 * One request workflow as visibility knows it (search attributes; no query needed, so closed
 * workflows and workflows without a live worker are listed too).
 *
 * @param executionStatus Temporal's execution status (RUNNING, COMPLETED, …)
 */
public record RequestSummary(
    String workflowId,
    String runId,
    String executionStatus,
    Instant startTime,
    Instant closeTime,
    String mediaType,
    String title,
    String requestState,
    String requestStage,
    String requestSource,
    String requestedBy,
    Long tmdbId) {}
