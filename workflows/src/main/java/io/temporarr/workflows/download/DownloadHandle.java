package io.temporarr.workflows.download;

/**
 * Where a release is downloading.
 *
 * @param client configured download client name (e.g. "qbittorrent")
 * @param id the client's id for the download: lower-case hex infohash for torrents
 */
public record DownloadHandle(String client, String id, String name) {}
