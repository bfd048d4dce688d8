package io.temporarr.gateway.qbittorrent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What qBittorrent's "run external program on torrent finished" passes on: {@code %I} (v1
 * infohash), {@code %N} (name), {@code %L} (category), {@code %G} (comma-separated tags), {@code
 * %F} (content path). The same field names are used for the form and the JSON variant.
 */
public record TorrentFinished(
    String hash,
    String name,
    String category,
    String tags,
    @JsonProperty("content_path") String contentPath) {}
