package io.temporarr.activities.torrent;

import io.temporarr.activities.download.DownloadClients;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** What every torrent client does alike with a {@link DownloadHandle}: its hash, and "missing". */
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
}
