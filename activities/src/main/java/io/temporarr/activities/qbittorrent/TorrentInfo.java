package io.temporarr.activities.qbittorrent;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.torrent.TaggedTorrent;
import io.temporarr.workflows.download.DownloadStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One torrent as qBittorrent lists it ({@code torrents/info} items, or a merged {@code
 * sync/maindata} object).
 *
 * @param hash lower-case hex id
 * @param state qBittorrent's state name as sent ({@code stalledDL}, {@code stoppedUP} …)
 * @param progress 0.0–1.0 of the wanted bytes
 * @param amountLeft wanted bytes still missing
 * @param size wanted bytes in total
 * @param tags tags, in the order the client sent them
 * @param ratio uploaded ÷ size
 * @param seedingTime seconds spent seeding ({@code seeding_time}, qBittorrent 4.x and 5.x)
 */
public record TorrentInfo(
    String hash,
    String name,
    String state,
    double progress,
    long amountLeft,
    long size,
    String category,
    List<String> tags,
    String savePath,
    String contentPath,
    double ratio,
    long seedingTime)
    implements TaggedTorrent {

  public TorrentInfo {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  @Override
  public boolean reached(SeedingGoals goals) {
    return goals.met(ratio, Duration.ofSeconds(seedingTime));
  }

  /** {@code message} carries qBittorrent's own state name, for operators. */
  @Override
  public DownloadStatus status(String client, String workflowId) {
    return new DownloadStatus(
        client,
        hash,
        workflowId,
        name,
        QbittorrentStates.toDownloadState(state, progress, amountLeft),
        progress,
        amountLeft,
        contentPath,
        savePath,
        state);
  }

  /**
   * Reads the fields Temporarr uses; absent ones become null / 0 (sync objects start partial, and a
   * torrent without metadata has no content path yet).
   */
  static TorrentInfo from(String hash, JsonNode node) {
    return new TorrentInfo(
        hash,
        text(node, "name"),
        text(node, "state"),
        node.path("progress").asDouble(0),
        node.path("amount_left").asLong(0),
        node.path("size").asLong(0),
        text(node, "category"),
        tags(text(node, "tags")),
        text(node, "save_path"),
        text(node, "content_path"),
        node.path("ratio").asDouble(0),
        node.path("seeding_time").asLong(0));
  }

  // qBittorrent joins tags with ", " (4.x) or "," (5.x); tags themselves cannot hold a comma.
  private static List<String> tags(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return Arrays.stream(joined.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  // qBittorrent sends "" for what it does not know yet (content_path before metadata).
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
