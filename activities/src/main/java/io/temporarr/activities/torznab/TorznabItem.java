package io.temporarr.activities.torznab;

import io.temporarr.activities.release.Qualities;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.util.List;

/**
 * One {@code channel/item} of a Torznab/Newznab feed, with the attributes Temporarr uses.
 *
 * @param downloadUrl the magnet URI when the feed gives one, else the enclosure URL, else the link
 * @param infoHash lower-case hex v1 infohash (from the {@code infohash} attribute or the magnet)
 * @param sizeBytes the {@code size} attribute, else the {@code size} element, else the enclosure
 *     length; 0 when unknown
 * @param leechers the {@code leechers} attribute, else {@code peers - seeders}
 * @param publishedAt ISO-8601 instant of {@code pubDate}, or its raw text when not RFC 822
 * @param imdbId IMDb number without {@code tt}, null when absent
 * @param downloadVolumeFactor 0 for freeleech, null when absent
 * @param protocol what the item itself says it is (an {@code application/x-nzb} enclosure is
 *     usenet; a magnet or an {@code application/x-bittorrent} enclosure is torrent); null when it
 *     does not say, then the indexer's protocol applies
 */
public record TorznabItem(
    String guid,
    String title,
    String downloadUrl,
    String infoHash,
    long sizeBytes,
    int seeders,
    int leechers,
    String publishedAt,
    List<Integer> categories,
    Integer imdbId,
    Integer tmdbId,
    Integer tvdbId,
    Double downloadVolumeFactor,
    Protocol protocol) {

  public TorznabItem {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** The release as the workflow sees it, with the indexer's name and priority. */
  public Release toRelease(TorznabIndexer indexer) {
    return new Release(
        guid,
        title,
        indexer.name(),
        indexer.priority(),
        protocol == null ? indexer.protocol() : protocol,
        downloadUrl,
        infoHash,
        sizeBytes,
        seeders,
        leechers,
        publishedAt,
        categories,
        Qualities.fromTitle(title));
  }

  /**
   * True when the indexer tagged this item with an id that differs from one the query names (a
   * title search can return other films with similar names). Ids either side lacks are ignored.
   */
  public boolean contradicts(SearchQuery query) {
    return differs(imdbId, TorznabClient.imdbNumber(query.imdbId()))
        || differs(tmdbId, query.tmdbId())
        || differs(tvdbId, query.tvdbId());
  }

  private static boolean differs(Integer fromFeed, Integer requested) {
    return fromFeed != null && fromFeed > 0 && requested != null && !fromFeed.equals(requested);
  }
}
