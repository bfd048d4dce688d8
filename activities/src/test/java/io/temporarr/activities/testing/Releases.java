package io.temporarr.activities.testing;

import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import java.util.List;

/** Releases as a search hands them to a download client, for download-client tests. */
public final class Releases {

  private Releases() {}

  /** A 1080p movie release with this link and announced infohash (null when not announced). */
  public static Release of(Protocol protocol, String link, String infoHash) {
    return new Release(
        "guid-1",
        "Sample.Movie.2024.1080p.WEB-DL",
        "prowlarr",
        25,
        protocol,
        link,
        infoHash,
        1468006400L,
        12,
        3,
        null,
        List.of(2040),
        "1080p");
  }

  /** A torrent release, see {@link #of}. */
  public static Release torrent(String link, String infoHash) {
    return of(Protocol.TORRENT, link, infoHash);
  }
}
