package io.temporarr.activities.torznab;

import io.temporarr.workflows.search.Protocol;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Settings of one Torznab (torrent) or Newznab (usenet) indexer.
 *
 * @param name how the indexer is named in releases, logs and failure messages
 * @param apiUrl the endpoint the {@code ?t=} parameters are appended to: Prowlarr {@code
 *     {base}/{indexerId}/api}, Jackett {@code {base}/api/v2.0/indexers/{id}/results/torznab/api}
 * @param apiKey sent as the {@code apikey} query parameter; null or blank sends none
 * @param priority lower is preferred when releases otherwise rank equal (Radarr's 1–50, default 25)
 * @param movieCategories categories searched for movies; null means {@link
 *     #DEFAULT_MOVIE_CATEGORIES}
 * @param tvCategories categories searched for TV; null means {@link #DEFAULT_TV_CATEGORIES}
 * @param protocol {@link Protocol#TORRENT} for a Torznab indexer, {@link Protocol#USENET} for a
 *     Newznab one; null means torrent. Items whose enclosure type says otherwise keep their own
 */
public record TorznabIndexer(
    String name,
    HttpUrl apiUrl,
    String apiKey,
    int priority,
    List<Integer> movieCategories,
    List<Integer> tvCategories,
    Protocol protocol) {

  /** Movies and its SD/HD/UHD children: indexers that do not expand a parent still match. */
  public static final List<Integer> DEFAULT_MOVIE_CATEGORIES = List.of(2000, 2030, 2040, 2045);

  /** TV and its SD/HD/UHD children. */
  public static final List<Integer> DEFAULT_TV_CATEGORIES = List.of(5000, 5030, 5040, 5045);

  public TorznabIndexer {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("indexer name is required");
    }
    if (apiUrl == null) {
      throw new IllegalArgumentException("indexer " + name + ": apiUrl is required");
    }
    movieCategories =
        movieCategories == null || movieCategories.isEmpty()
            ? DEFAULT_MOVIE_CATEGORIES
            : List.copyOf(movieCategories);
    tvCategories =
        tvCategories == null || tvCategories.isEmpty()
            ? DEFAULT_TV_CATEGORIES
            : List.copyOf(tvCategories);
    protocol = protocol == null ? Protocol.TORRENT : protocol;
  }

  /** A torrent indexer with default categories. */
  public static TorznabIndexer torrent(String name, HttpUrl apiUrl, String apiKey, int priority) {
    return new TorznabIndexer(name, apiUrl, apiKey, priority, null, null, Protocol.TORRENT);
  }

  /** A Newznab (usenet) indexer with default categories. */
  public static TorznabIndexer usenet(String name, HttpUrl apiUrl, String apiKey, int priority) {
    return new TorznabIndexer(name, apiUrl, apiKey, priority, null, null, Protocol.USENET);
  }

  /** How failure messages name this indexer: "Torznab indexer x" or "Newznab indexer x". */
  public String service() {
    return (protocol == Protocol.USENET ? "Newznab" : "Torznab") + " indexer " + name;
  }

  /** Never prints the API key (records print every component by default). */
  @Override
  public String toString() {
    return "TorznabIndexer[name="
        + name
        + ", apiUrl="
        + apiUrl.newBuilder().query(null).username("").password("").build()
        + ", apiKey="
        + (apiKey == null || apiKey.isBlank() ? "none" : "***")
        + ", priority="
        + priority
        + ", movieCategories="
        + movieCategories
        + ", tvCategories="
        + tvCategories
        + ", protocol="
        + protocol
        + "]";
  }
}
