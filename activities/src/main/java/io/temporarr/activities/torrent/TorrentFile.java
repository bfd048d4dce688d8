package io.temporarr.activities.torrent;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okio.ByteString;

/**
 * What Temporarr needs from a .torrent file: its v1 infohash and name.
 *
 * @param infoHash lower-case hex SHA-1 over the exact bytes of the {@code info} dictionary (BEP 3),
 *     the id qBittorrent lists the torrent under
 * @param name {@code info.name.utf-8} or {@code info.name}; the hash when the file names nothing
 * @param totalSize sum of the file lengths in bytes
 */
public record TorrentFile(String infoHash, String name, long totalSize) {

  /**
   * Parses a .torrent. Bytes after the root dictionary are ignored (some sites append a newline);
   * the hash covers the {@code info} bytes as found, never a re-encoding, so unknown or unsorted
   * keys cannot change it.
   *
   * @throws ApplicationFailure {@code InvalidRelease} (non-retryable) when the bytes are not
   *     bencode, hold no {@code info} dictionary, or describe a v2-only torrent (no {@code pieces}:
   *     qBittorrent would list it under a v2 id this hash cannot match)
   */
  public static TorrentFile parse(byte[] bytes) {
    Bencode.Reader reader = new Bencode.Reader(bytes);
    reader.beginDictionary();
    Object info = null;
    int infoStart = -1;
    int infoEnd = -1;
    while (!reader.endOfContainer()) {
      String key = reader.readKey();
      int start = reader.position();
      Object value = reader.readValue();
      if (key.equals("info")) {
        info = value;
        infoStart = start;
        infoEnd = reader.position();
      }
    }
    if (!(info instanceof Map<?, ?> dictionary)) {
      throw InvalidRelease.because(".torrent has no info dictionary");
    }
    if (!(dictionary.get("pieces") instanceof ByteString)) {
      throw InvalidRelease.because(
          ".torrent has no v1 piece hashes (v2-only torrents unsupported)");
    }
    String hash = HexFormat.of().formatHex(sha1(bytes, infoStart, infoEnd - infoStart));
    return new TorrentFile(hash, name(dictionary, hash), totalSize(dictionary));
  }

  private static String name(Map<?, ?> info, String fallback) {
    Object name = info.get("name.utf-8");
    if (!(name instanceof ByteString)) {
      name = info.get("name");
    }
    if (name instanceof ByteString text && text.size() > 0) {
      return text.string(StandardCharsets.UTF_8);
    }
    return fallback;
  }

  // Single-file torrents carry "length"; multi-file ones a "files" list of {length, path}.
  private static long totalSize(Map<?, ?> info) {
    if (info.get("length") instanceof Long length) {
      return length;
    }
    long total = 0;
    if (info.get("files") instanceof List<?> files) {
      for (Object file : files) {
        if (file instanceof Map<?, ?> entry && entry.get("length") instanceof Long length) {
          total += length;
        }
      }
    }
    return total;
  }

  private static byte[] sha1(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      digest.update(bytes, offset, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1 (java.security.MessageDigest Javadoc).
      throw new IllegalStateException(e);
    }
  }
}
