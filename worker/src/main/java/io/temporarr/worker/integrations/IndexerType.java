package io.temporarr.worker.integrations;

import io.temporarr.workflows.search.Protocol;

/** The API an indexer speaks ({@code temporarr.indexers.<name>.type}), and what it finds. */
public enum IndexerType {
  /** Torznab: torrents (Prowlarr, Jackett). */
  TORZNAB(Protocol.TORRENT),
  /** Newznab: usenet .nzb files (Prowlarr, NZBHydra2, a native Newznab site). */
  NEWZNAB(Protocol.USENET);

  private final Protocol protocol;

  IndexerType(Protocol protocol) {
    this.protocol = protocol;
  }

  /** The protocol of the releases this indexer finds. */
  public Protocol protocol() {
    return protocol;
  }
}
