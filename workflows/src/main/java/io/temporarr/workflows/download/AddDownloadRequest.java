package io.temporarr.workflows.download;

import io.temporarr.workflows.search.Release;

/**
 * Adds a release to a download client.
 *
 * @param workflowId the request workflow; the download is tagged with it so completion callbacks
 *     and the shared monitor can route to the workflow
 * @param client configured download client name
 */
public record AddDownloadRequest(String workflowId, String client, Release release) {}
