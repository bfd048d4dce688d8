package io.temporarr.worker.activities;

import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.workflows.search.Protocol;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One Torznab/Newznab indexer ({@code temporarr.indexers.<name>}); the map key names it in
 * releases, logs and failures.
 *
 * @param url the endpoint {@code ?t=} is appended to (Prowlarr {@code <base>/<id>/api}, Jackett
 *     {@code <base>/api/v2.0/indexers/<id>/results/torznab/api})
 * @param apiKey sent as the {@code apikey} query parameter
 * @param priority higher wins when releases otherwise rank equal
 * @param movieCategories Torznab categories for movie searches; empty uses 2000 and its children
 * @param tvCategories Torznab categories for TV searches; empty uses 5000 and its children
 */
public record IndexerProperties(
    @NotNull HttpUrl url,
    Secret apiKey,
    @DefaultValue("25") int priority,
    List<Integer> movieCategories,
    List<Integer> tvCategories,
    @DefaultValue("torrent") Protocol protocol) {

  TorznabIndexer toIndexer(String name) {
    return new TorznabIndexer(
        name, url, Secret.valueOf(apiKey), priority, movieCategories, tvCategories, protocol);
  }
}
