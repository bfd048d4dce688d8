package io.temporarr.workflows.download;

/**
 * Signal payload: a client reported a finished download (qBittorrent "run on torrent finished").
 * Treated as a hint: the workflow confirms with {@code downloadStatus}.
 *
 * @param eventId unique per delivery source event; a repeated event ID is ignored
 */
public record DownloadFinished(String eventId, String infoHash, String contentPath) {}
