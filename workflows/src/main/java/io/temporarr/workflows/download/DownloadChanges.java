package io.temporarr.workflows.download;

import java.util.List;

/**
 * The downloads that changed since the last poll of one client.
 *
 * @param cursor opaque position to pass to the next poll (qBittorrent {@code rid})
 * @param fullUpdate true when the client sent everything (first poll, or after a re-login)
 * @param changed full snapshots of every download that changed (merged from partial updates)
 * @param removed ids the client no longer knows
 */
public record DownloadChanges(
    long cursor, boolean fullUpdate, List<DownloadStatus> changed, List<String> removed) {
  public DownloadChanges {
    changed = changed == null ? List.of() : List.copyOf(changed);
    removed = removed == null ? List.of() : List.copyOf(removed);
  }
}
