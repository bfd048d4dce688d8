package io.temporarr.workflows.search;

/** How a release is fetched. */
public enum Protocol {
  TORRENT,
  USENET
}
