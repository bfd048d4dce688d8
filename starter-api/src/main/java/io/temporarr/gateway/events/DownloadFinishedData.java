package io.temporarr.gateway.events;

/**
 * {@code data} of {@code download.finished} ({@code docs/events/download.finished.v1.schema.json}).
 *
 * @param infoHash v1 infohash (40 hex digits, either case)
 * @param workflowId the request (or season child) the torrent was added for
 * @param contentPath optional: where the client put the content
 */
public record DownloadFinishedData(String infoHash, String workflowId, String contentPath) {}
