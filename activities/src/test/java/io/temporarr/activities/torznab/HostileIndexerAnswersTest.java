package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.release.ReleaseCriteria;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 11 of issue 16: what a hostile indexer can send is bounded — the answer's size, its items,
 * its titles and links — and the search result stays far below Temporal's payload limits.
 */
@Timeout(120)
class HostileIndexerAnswersTest {
  private static final ReleaseCriteria ANY =
      new ReleaseCriteria(0, null, null, null, null, null, null);
  private static final int FIFTY_MB = 50 * 1000 * 1000;

  @StartStop public final MockWebServer indexer = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private TorznabSearchActivities search() {
    TorznabClient client =
        new TorznabClient(
            http, TorznabIndexer.torrent("hostile", indexer.url("/1/api"), "key", 25));
    return new TorznabSearchActivities(List.of(client), ANY, executor);
  }

  private static String item(String title, String link) {
    return "<item><title>" + title + "</title><link>" + link + "</link></item>";
  }

  private static String feed(String items) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
        + items
        + "</channel></rss>";
  }

  /** A well-formed feed of 50 MB: one release whose description is the padding. */
  private static Buffer fiftyMegabyteFeed() {
    Buffer body = new Buffer();
    body.writeUtf8(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>"
            + "<title>The.Matrix.1999.1080p.BluRay.x264-GRP</title>"
            + "<link>https://tracker.example/1.torrent</link><description>");
    byte[] padding = "x".repeat(1 << 20).getBytes();
    while (body.size() < FIFTY_MB) {
      body.write(padding);
    }
    body.writeUtf8("</description></item></channel></rss>");
    return body;
  }

  @Test
  void aFiftyMegabyteFeedFailsTheSearchCleanlyWithoutBeingRead() {
    indexer.enqueue(SearchTestSupport.xml("prowlarr-caps.xml"));
    indexer.enqueue(new MockResponse.Builder().body(fiftyMegabyteFeed()).build());

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> search().search(SearchTestSupport.MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("larger than 8 MiB");
  }

  @Test
  void aFiftyMegabyteChunkedFeedFailsTheSearchCleanly() {
    indexer.enqueue(SearchTestSupport.xml("prowlarr-caps.xml"));
    indexer.enqueue(new MockResponse.Builder().chunkedBody(fiftyMegabyteFeed(), 1 << 20).build());

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> search().search(SearchTestSupport.MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aFeedOfOneHundredThousandItemsIsCutToTheItemLimit() throws Exception {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      // About 65 bytes each: 6.5 MB in all, below the size bound, so the item bound decides.
      items.append(item("M.1999.1080p." + i, "h:" + i));
    }
    indexer.enqueue(SearchTestSupport.xml("prowlarr-caps.xml"));
    indexer.enqueue(new MockResponse.Builder().body(feed(items.toString())).build());

    SearchResult result = search().search(SearchTestSupport.MATRIX);

    assertThat(result.accepted().size() + result.rejected().size())
        .isEqualTo(FeedLimits.DEFAULTS.maxItemsPerAnswer());
    assertThat(payloadBytes(result)).isLessThan(TorznabSearchActivities.MAX_RESULT_BYTES);
  }

  @Test
  void longTitlesAreCutAndOverlongLinksSkipTheirItem() throws Exception {
    String longTitle = "The.Matrix.1999.1080p.BluRay.x264-" + "G".repeat(1 << 20);
    String longLink = "https://t.example/" + "a".repeat(FeedLimits.MAX_LINK_LENGTH);
    indexer.enqueue(SearchTestSupport.xml("prowlarr-caps.xml"));
    indexer.enqueue(
        new MockResponse.Builder()
            .body(
                feed(
                    item(longTitle, "https://t.example/1")
                        + item("The.Matrix.1999.720p.WEB-G", longLink)))
            .build());

    SearchResult result = search().search(SearchTestSupport.MATRIX);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.accepted())
        .singleElement()
        .satisfies(
            release -> {
              assertThat(release.title()).hasSize(FeedLimits.DEFAULTS.maxTitleLength());
              assertThat(release.downloadUrl()).isEqualTo("https://t.example/1");
            });
  }

  @Test
  void theSearchResultStaysWithinItsBudgetWhateverTheIndexersSent() throws Exception {
    List<Release> accepted = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    String link = "https://t.example/" + "a".repeat(FeedLimits.MAX_LINK_LENGTH - 20);
    for (int i = 0; i < 1000; i++) {
      String title = "T".repeat(300) + i;
      accepted.add(
          new Release(
              link + i,
              title,
              "hostile",
              25,
              Protocol.TORRENT,
              link + i,
              null,
              1,
              1,
              0,
              null,
              List.of(2000),
              "1080p"));
      rejected.add(new Rejection(title, "wrong-media"));
    }
    Rejection indexerDown = new Rejection("indexer other: NetworkError", "indexer-failed");

    SearchResult result = TorznabSearchActivities.bounded(accepted, rejected, List.of(indexerDown));

    assertThat(result.accepted()).isNotEmpty().hasSizeLessThan(accepted.size());
    assertThat(result.accepted().get(0)).isEqualTo(accepted.get(0));
    assertThat(result.rejected()).endsWith(indexerDown);
    assertThat(payloadBytes(result)).isLessThan(TorznabSearchActivities.MAX_RESULT_BYTES);
  }

  private static int payloadBytes(SearchResult result) {
    return DefaultDataConverter.newDefaultInstance().toPayload(result).get().getSerializedSize();
  }
}
