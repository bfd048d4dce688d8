package io.temporarr.activities.torrent;

/**
 * A torrent about to be added to a client: its v1 infohash, known before anything is added, and
 * either a magnet URI or the .torrent bytes.
 *
 * @param infoHash lower-case hex v1 infohash
 * @param name the magnet's display name or the .torrent's name, may be null
 * @param magnetUri the magnet to add, null when {@code torrent} is set
 * @param torrent the .torrent bytes to add, null when {@code magnetUri} is set
 */
public record TorrentSource(String infoHash, String name, String magnetUri, byte[] torrent) {

  static TorrentSource of(Magnet magnet, String uri) {
    return new TorrentSource(magnet.infoHash(), magnet.displayName(), uri, null);
  }
}
