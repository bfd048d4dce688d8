package io.temporarr.gateway.qbittorrent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temporarr.gateway.problem.InputLimits;
import jakarta.validation.constraints.Size;

/**
 * What qBittorrent's "run external program on torrent finished" passes on: {@code %I} (v1
 * infohash), {@code %N} (name), {@code %L} (category), {@code %G} (comma-separated tags), {@code
 * %F} (content path). The same field names are used for the form and the JSON variant.
 */
public record TorrentFinished(
    @Size(max = InputLimits.IDENTIFIER) String hash,
    @Size(max = InputLimits.CLIENT_TEXT) String name,
    @Size(max = InputLimits.CLIENT_TEXT) String category,
    @Size(max = InputLimits.CLIENT_TEXT) String tags,
    @JsonProperty("content_path") @Size(max = InputLimits.CLIENT_TEXT) String contentPath) {}
