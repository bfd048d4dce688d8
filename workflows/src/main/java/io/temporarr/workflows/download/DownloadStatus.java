package io.temporarr.workflows.download;

/**
 * A snapshot of one download.
 *
 * @param id lower-case infohash (torrents)
 * @param workflowId the request workflow this snapshot is for, one of those the download is tagged
 *     with (a download two requests share comes as one snapshot each), null if untagged
 * @param progress 0.0–1.0
 * @param amountLeft bytes still missing
 * @param contentPath file or folder holding the content, as the client sees it
 */
public record DownloadStatus(
    String client,
    String id,
    String workflowId,
    String name,
    DownloadState state,
    double progress,
    long amountLeft,
    String contentPath,
    String savePath,
    String message) {

  public boolean finished() {
    return state == DownloadState.COMPLETED;
  }
}
