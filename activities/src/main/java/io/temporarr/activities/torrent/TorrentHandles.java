package io.temporarr.activities.torrent;

import io.temporarr.activities.download.CallingWorkflow;
import io.temporarr.activities.download.DownloadClients;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every torrent client does alike with a {@link DownloadHandle}: its hash, "missing", and the
 * requests that own a torrent by tagging (labelling) it with their workflow IDs.
 */
public final class TorrentHandles {

  private TorrentHandles() {}

  /** The handle's infohash, trimmed and lower-case; empty when the handle has none. */
  public static String hash(DownloadHandle handle) {
    return handle.id() == null ? "" : handle.id().trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The handle's status as {@code byHash} finds it, a MISSING status when the client does not list
   * it (or the handle has no hash, without asking the client).
   *
   * @param product the client's product name, for the missing status' message
   */
  public static DownloadStatus statusOf(
      DownloadHandle handle, String product, Function<String, Optional<DownloadStatus>> byHash) {
    String hash = hash(handle);
    Optional<DownloadStatus> found = hash.isEmpty() ? Optional.empty() : byHash.apply(hash);
    return found.orElseGet(() -> DownloadClients.missing(handle, product));
  }

  /** The requests among a torrent's tags (qBittorrent) or labels (Transmission), each once. */
  public static List<String> requests(List<String> tags) {
    return tags.stream().filter(WorkflowIds::isMediaRequest).distinct().toList();
  }

  /**
   * The request a status of the torrent is reported for: the caller when it tags the torrent, else
   * the first request that does, null for none.
   */
  public static String owner(List<String> tags, CallingWorkflow caller) {
    List<String> requests = requests(tags);
    String workflowId = caller.workflowId();
    return requests.contains(workflowId) ? workflowId : requests.stream().findFirst().orElse(null);
  }
}
