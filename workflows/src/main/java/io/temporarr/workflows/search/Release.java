package io.temporarr.workflows.search;

import java.util.List;

/**
 * One release found by an indexer.
 *
 * @param guid indexer-unique id of the release (the blocklist key together with {@code infoHash})
 * @param downloadUrl a magnet URI or an http(s) URL of a .torrent / .nzb (may redirect to a magnet)
 * @param infoHash lower-case hex v1 infohash when known from the feed, else null
 * @param quality normalised quality label ("2160p", "1080p", "720p", "480p" or "unknown")
 */
public record Release(
    String guid,
    String title,
    String indexer,
    int indexerPriority,
    Protocol protocol,
    String downloadUrl,
    String infoHash,
    long sizeBytes,
    int seeders,
    int leechers,
    String publishedAt,
    List<Integer> categories,
    String quality) {

  public Release {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** The key a blocklist entry is stored under: the infohash when known, else the guid. */
  public String blocklistKey() {
    return infoHash != null && !infoHash.isBlank() ? infoHash : guid;
  }
}
