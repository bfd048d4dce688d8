package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.workflows.search.Protocol;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class TorznabIndexerTest {
  private static final HttpUrl JACKETT =
      HttpUrl.get("http://jackett:9117/api/v2.0/indexers/all/results/torznab/api");

  @Test
  void missingCategoriesAndProtocolTakeTheDefaults() {
    TorznabIndexer indexer = new TorznabIndexer("j", JACKETT, "k", 0, null, List.of(), null);

    assertThat(indexer.movieCategories()).containsExactly(2000, 2030, 2040, 2045);
    assertThat(indexer.tvCategories()).containsExactly(5000, 5030, 5040, 5045);
    assertThat(indexer.protocol()).isEqualTo(Protocol.TORRENT);
  }

  @Test
  void configuredCategoriesAreKept() {
    TorznabIndexer indexer =
        new TorznabIndexer("n", JACKETT, "k", 1, List.of(2040), List.of(5040), Protocol.USENET);

    assertThat(indexer.movieCategories()).containsExactly(2040);
    assertThat(indexer.tvCategories()).containsExactly(5040);
    assertThat(indexer.protocol()).isEqualTo(Protocol.USENET);
  }

  @Test
  void nameAndUrlAreRequired() {
    assertThatThrownBy(() -> TorznabIndexer.torrent(" ", JACKETT, "k", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> TorznabIndexer.torrent("j", null, "k", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiUrl");
  }

  @Test
  void toStringNeverShowsTheApiKeyOrCredentialsInTheUrl() {
    TorznabIndexer indexer =
        TorznabIndexer.torrent(
            "j", HttpUrl.get("http://u:pw@jackett:9117/api?apikey=INURL"), "SECRETKEY", 0);

    assertThat(indexer.toString())
        .contains("name=j", "apiKey=***", "http://jackett:9117/api")
        .doesNotContain("SECRETKEY", "INURL", "pw");
    assertThat(TorznabIndexer.torrent("open", JACKETT, null, 0).toString()).contains("apiKey=none");
  }
}
