package io.temporarr.worker.integrations;

import io.temporarr.workflows.search.Protocol;

/** The download client products Temporarr speaks to, and the protocol each one downloads. */
public enum DownloadClientType {
  QBITTORRENT(Protocol.TORRENT),
  TRANSMISSION(Protocol.TORRENT),
  SABNZBD(Protocol.USENET);

  private final Protocol protocol;

  DownloadClientType(Protocol protocol) {
    this.protocol = protocol;
  }

  /** The protocol of the releases this client downloads. */
  public Protocol protocol() {
    return protocol;
  }
}
