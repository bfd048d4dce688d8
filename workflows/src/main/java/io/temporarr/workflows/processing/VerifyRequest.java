package io.temporarr.workflows.processing;

/**
 * Verify a finished download.
 *
 * @param contentPath file or folder of the download, as the worker sees it
 * @param expectedRuntimeMinutes the title's runtime when known (duration check), else null
 */
public record VerifyRequest(
    String workflowId, String contentPath, Integer expectedRuntimeMinutes) {}
