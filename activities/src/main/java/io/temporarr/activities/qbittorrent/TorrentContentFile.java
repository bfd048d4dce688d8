package io.temporarr.activities.qbittorrent;

/**
 * One file of a torrent ({@code torrents/files} item).
 *
 * @param name path relative to the save path, {@code /}-separated
 * @param size bytes
 * @param progress 0.0–1.0
 * @param priority 0 = not downloaded, 1 normal … 7 maximum
 */
public record TorrentContentFile(
    int index, String name, long size, double progress, int priority) {}
