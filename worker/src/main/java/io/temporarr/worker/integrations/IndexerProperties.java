package io.temporarr.worker.integrations;

import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.workflows.search.Protocol;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One Torznab/Newznab indexer ({@code temporarr.indexers.<name>}); the map key names it in
 * releases, logs and failures.
 *
 * @param url the endpoint {@code ?t=} is appended to (Prowlarr {@code <base>/<id>/api}, Jackett
 *     {@code <base>/api/v2.0/indexers/<id>/results/torznab/api})
 * @param apiKey sent as the {@code apikey} query parameter
 * @param type {@code torznab} (torrents, default) or {@code newznab} (usenet)
 * @param priority lower wins when releases otherwise rank equal (Radarr's 1–50, default 25)
 * @param movieCategories categories for movie searches; empty uses 2000 and its children
 * @param tvCategories categories for TV searches; empty uses 5000 and its children
 * @param protocol the older way to say {@code type}: {@code torrent} or {@code usenet}; unset
 *     unless an existing configuration still uses it
 */
public record IndexerProperties(
    @NotNull HttpUrl url,
    Secret apiKey,
    @NotNull @DefaultValue("torznab") IndexerType type,
    @DefaultValue("25") int priority,
    List<Integer> movieCategories,
    List<Integer> tvCategories,
    Protocol protocol) {

  /** The protocol of this indexer's releases: {@code type}'s, or the older {@code protocol}. */
  public Protocol releaseProtocol() {
    return protocol != null ? protocol : type.protocol();
  }

  TorznabIndexer toIndexer(String name) {
    if (protocol != null && type != IndexerType.TORZNAB && protocol != type.protocol()) {
      String key = "temporarr.indexers." + name;
      throw new InvalidConfigurationException(
          key + ".protocol",
          "is "
              + protocol.name().toLowerCase(Locale.ROOT)
              + " but "
              + key
              + ".type is "
              + type.name().toLowerCase(Locale.ROOT),
          "Remove " + key + ".protocol: type alone says torznab (torrent) or newznab (usenet).");
    }
    return new TorznabIndexer(
        name,
        url,
        Secret.valueOf(apiKey),
        priority,
        movieCategories,
        tvCategories,
        releaseProtocol());
  }
}
