package io.temporarr.workflows.download;

/** Signal payload: a download failed in the client (error, missing files, failed usenet job). */
public record DownloadFailed(String eventId, String infoHash, String reason) {}
