package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class TorznabClientTest {
  private static final String KEY = "s3cr3t-api-key";
  private static final SearchQuery MATRIX = SearchTestSupport.MATRIX;
  private static final SearchQuery SEVERANCE_S01 =
      new SearchQuery(
          "media-request:seerr:2:s1",
          MediaType.TV,
          "Severance",
          2022,
          95396,
          "tt11280740",
          371980,
          1,
          List.of());

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();

  private TorznabClient prowlarr() {
    return new TorznabClient(
        http, TorznabIndexer.torrent("prowlarr", server.url("/1/api"), KEY, 25));
  }

  private TorznabClient jackett() {
    return new TorznabClient(
        http,
        TorznabIndexer.torrent(
            "jackett", server.url("/api/v2.0/indexers/eztv/results/torznab/api"), KEY, 10));
  }

  private void enqueueXml(int code, String fixture) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", "application/rss+xml; charset=utf-8")
            .body(Feeds.read(fixture))
            .build());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void movieSearchAsksProwlarrByImdbAndTmdbIdWithoutTheTtPrefix() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "prowlarr-movie-feed.xml");

    List<Release> releases = prowlarr().search(MATRIX);

    RecordedRequest caps = take();
    assertThat(caps.getUrl().encodedPath()).isEqualTo("/1/api");
    assertThat(caps.getUrl().queryParameter("t")).isEqualTo("caps");
    assertThat(caps.getUrl().queryParameter("apikey")).isEqualTo(KEY);

    HttpUrl search = take().getUrl();
    assertThat(search.encodedPath()).isEqualTo("/1/api");
    assertThat(search.queryParameter("t")).isEqualTo("movie");
    assertThat(search.queryParameter("imdbid")).isEqualTo("0133093");
    assertThat(search.queryParameter("tmdbid")).isEqualTo("603");
    assertThat(search.queryParameter("q")).isNull();
    assertThat(search.queryParameter("cat")).isEqualTo("2000,2030,2040,2045");
    assertThat(search.queryParameter("extended")).isEqualTo("1");
    assertThat(search.queryParameter("limit")).isEqualTo("100");
    assertThat(search.queryParameter("apikey")).isEqualTo(KEY);

    assertThat(releases).hasSize(4);
    assertThat(releases)
        .as("Prowlarr's API key in download links never reaches a Release (workflow history)")
        .allSatisfy(
            r -> {
              assertThat(r.downloadUrl()).doesNotContain("proxykey");
              assertThat(r.guid()).doesNotContain("proxykey");
            });
    Release uhd = releases.get(0);
    assertThat(uhd.title()).isEqualTo("The.Matrix.1999.2160p.UHD.BluRay.x265.HDR-GROUP");
    assertThat(uhd.guid()).isEqualTo("https://tracker.example/torrents/7001");
    assertThat(uhd.indexer()).isEqualTo("prowlarr");
    assertThat(uhd.indexerPriority()).isEqualTo(25);
    assertThat(uhd.protocol()).isEqualTo(Protocol.TORRENT);
    assertThat(uhd.downloadUrl())
        .as("the magnet is preferred over Prowlarr's download proxy")
        .startsWith("magnet:?xt=urn:btih:0A1B2C3D");
    assertThat(uhd.infoHash()).isEqualTo("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
    assertThat(uhd.sizeBytes()).as("<size> beats enclosure length").isEqualTo(32212254720L);
    assertThat(uhd.seeders()).isEqualTo(120);
    assertThat(uhd.leechers()).as("peers - seeders").isEqualTo(15);
    assertThat(uhd.publishedAt()).isEqualTo("2020-03-14T21:10:42Z");
    assertThat(uhd.categories()).containsExactly(2000, 2045);
    assertThat(uhd.quality()).isEqualTo("2160p");

    Release fhd = releases.get(1);
    assertThat(fhd.downloadUrl())
        .isEqualTo(
            "http://localhost:9696/1/download?link=def&file=The.Matrix.1999.1080p&apikey=redacted");
    assertThat(fhd.quality()).isEqualTo("1080p");
    assertThat(releases.get(2).quality()).isEqualTo("720p");
  }

  @Test
  void feedIdsAndFreeleechAreKeptOnTheItems() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "prowlarr-movie-feed.xml");

    List<TorznabItem> items = prowlarr().searchItems(MATRIX);

    assertThat(items.get(0).imdbId()).isEqualTo(133093);
    assertThat(items.get(0).tmdbId()).isEqualTo(603);
    assertThat(items.get(0).downloadVolumeFactor()).isZero();
    assertThat(items.get(0).contradicts(MATRIX)).isFalse();
    assertThat(items.get(3).title()).startsWith("The.Matrix.Reloaded");
    assertThat(items.get(3).contradicts(MATRIX)).as("Reloaded is tt0234215").isTrue();
  }

  @Test
  void capsAreAskedOncePerClient() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "empty-channel.xml");
    enqueueXml(200, "empty-channel.xml");
    TorznabClient client = prowlarr();

    assertThat(client.search(MATRIX)).isEmpty();
    assertThat(client.search(MATRIX)).isEmpty();

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("caps");
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("movie");
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("movie");
    assertThat(client.caps().movieSearch().supports("tmdbid")).isTrue();
  }

  @Test
  void tvSearchOnJackettSendsOnlyTheIdsItSupportsAndTheSeason() throws Exception {
    enqueueXml(200, "jackett-caps.xml");
    enqueueXml(200, "jackett-tv-feed.xml");

    List<Release> releases = jackett().search(SEVERANCE_S01);

    take();
    HttpUrl search = take().getUrl();
    assertThat(search.encodedPath()).isEqualTo("/api/v2.0/indexers/eztv/results/torznab/api");
    assertThat(search.queryParameter("t")).isEqualTo("tvsearch");
    assertThat(search.queryParameter("imdbid")).isEqualTo("11280740");
    assertThat(search.queryParameter("tvdbid")).as("not in Jackett's supportedParams").isNull();
    assertThat(search.queryParameter("tmdbid")).isNull();
    assertThat(search.queryParameter("season")).isEqualTo("1");
    assertThat(search.queryParameter("cat")).isEqualTo("5000,5030,5040,5045");
    assertThat(search.queryParameter("limit")).as("caps limits max").isEqualTo("50");

    assertThat(releases)
        .extracting(Release::title, Release::infoHash, Release::seeders, Release::leechers)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Severance S01 1080p ATVP WEB-DL DDP5.1 H.264-NTb",
                "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                230,
                30),
            org.assertj.core.groups.Tuple.tuple(
                "Severance.S01.2160p.ATVP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX", null, 12, 4));
    assertThat(releases.get(1).downloadUrl())
        .isEqualTo("https://eztv.example/dl/1300/severance-s01-2160p.torrent");
    assertThat(releases.get(1).quality()).isEqualTo("2160p");
  }

  @Test
  void tvSearchOnProwlarrSendsEverySupportedId() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "empty-channel.xml");

    prowlarr().search(SEVERANCE_S01);

    take();
    HttpUrl search = take().getUrl();
    assertThat(search.queryParameter("t")).isEqualTo("tvsearch");
    assertThat(search.queryParameter("tvdbid")).isEqualTo("371980");
    assertThat(search.queryParameter("tmdbid")).isEqualTo("95396");
    assertThat(search.queryParameter("imdbid")).isEqualTo("11280740");
    assertThat(search.queryParameter("season")).isEqualTo("1");
  }

  @Test
  void indexerWithoutIdSearchIsAskedByTitleAndYear() throws Exception {
    enqueueXml(200, "title-only-caps.xml");
    enqueueXml(200, "empty-channel.xml");

    prowlarr().search(MATRIX);

    take();
    HttpUrl search = take().getUrl();
    assertThat(search.queryParameter("t")).isEqualTo("search");
    assertThat(search.queryParameter("q")).isEqualTo("The Matrix 1999");
    assertThat(search.queryParameter("imdbid")).isNull();
    assertThat(search.queryParameter("cat")).isEqualTo("2000,2030,2040,2045");
    assertThat(search.queryParameter("limit")).isEqualTo("100");
  }

  @Test
  void indexerWithoutIdSearchIsAskedByTitleAndSeasonForTv() throws Exception {
    enqueueXml(200, "title-only-caps.xml");
    enqueueXml(200, "empty-channel.xml");

    prowlarr().search(SEVERANCE_S01);

    take();
    HttpUrl search = take().getUrl();
    assertThat(search.queryParameter("t")).isEqualTo("search");
    assertThat(search.queryParameter("q")).isEqualTo("Severance S01");
    assertThat(search.queryParameter("season")).isNull();
    assertThat(search.queryParameter("cat")).isEqualTo("5000,5030,5040,5045");
  }

  @Test
  void modesWithoutSupportedParamsGetTheSpecDefaultWhichHasNoIds() throws Exception {
    enqueueXml(200, "default-params-caps.xml");
    enqueueXml(200, "empty-channel.xml");
    TorznabClient client = prowlarr();

    client.search(MATRIX);

    assertThat(client.caps().movieSearch().supportedParams())
        .containsExactlyInAnyOrder("q", "rid", "season", "ep");
    take();
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("search");
  }

  @Test
  void titleSearchWithoutATitleIsABadRequest() {
    enqueueXml(200, "title-only-caps.xml");
    SearchQuery noTitle =
        new SearchQuery("w", MediaType.MOVIE, " ", null, 603, null, null, null, null);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(noTitle));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.BAD_REQUEST);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(server.getRequestCount()).as("only caps was asked").isEqualTo(1);
  }

  @Test
  void queryWithoutMediaTypeIsABadRequest() {
    enqueueXml(200, "prowlarr-caps.xml");
    SearchQuery untyped = new SearchQuery("w", null, "X", null, null, null, null, null, null);

    assertThatThrownBy(() -> prowlarr().search(untyped))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ErrorTypes.BAD_REQUEST));
  }

  @Test
  void movieTitleSearchWithoutYearSendsTheTitleAlone() throws Exception {
    enqueueXml(200, "title-only-caps.xml");
    enqueueXml(200, "empty-channel.xml");
    SearchQuery noYear =
        new SearchQuery("w", MediaType.MOVIE, "Heat", null, null, null, null, null, null);

    prowlarr().search(noYear);

    take();
    assertThat(take().getUrl().queryParameter("q")).isEqualTo("Heat");
  }

  @Test
  void usenetFeedReadsNewznabAttributes() throws Exception {
    enqueueXml(200, "default-params-caps.xml");
    enqueueXml(200, "newznab-usenet-feed.xml");
    TorznabClient client =
        new TorznabClient(
            http,
            new TorznabIndexer(
                "nzb", server.url("/api"), KEY, 5, List.of(2040), null, Protocol.USENET));

    List<Release> releases = client.search(MATRIX);

    take();
    assertThat(take().getUrl().queryParameter("cat")).isEqualTo("2040");
    assertThat(releases).hasSize(1);
    Release nzb = releases.get(0);
    assertThat(nzb.protocol()).isEqualTo(Protocol.USENET);
    assertThat(nzb.sizeBytes()).isEqualTo(12884901888L);
    assertThat(nzb.categories()).containsExactly(2000, 2040);
    assertThat(nzb.infoHash()).isNull();
    assertThat(nzb.seeders()).isZero();
    assertThat(nzb.downloadUrl())
        .as("a native Newznab link carries the API key as r")
        .isEqualTo("https://nzb.example/getnzb/5f1e2d3c4b5a.nzb?i=1&r=redacted");
    assertThat(nzb.guid()).isEqualTo("https://nzb.example/details/5f1e2d3c4b5a");
    assertThat(nzb.publishedAt()).isEqualTo("2023-03-05T11:00:00Z");
    assertThat(nzb.blocklistKey()).isEqualTo(nzb.guid());
  }

  @Test
  void emptyChannelIsNoRelease() {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "empty-channel.xml");

    assertThat(prowlarr().search(MATRIX)).isEmpty();
  }

  @Test
  void errorDocumentWithHttp200IsANonRetryableUnauthorized() throws Exception {
    enqueueXml(200, "error-bad-apikey.xml");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("Torznab error 100 (Invalid API Key)")
        .contains("prowlarr")
        .doesNotContain(KEY);
    assertThat(take().getUrl().queryParameter("apikey")).isEqualTo(KEY);
  }

  @Test
  void errorDocumentInTheSearchAnswerFailsTheSearch() {
    enqueueXml(200, "prowlarr-caps.xml");
    server.enqueue(
        new MockResponse.Builder()
            .body("<error code=\"203\" description=\"Function not available\"/>")
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.INDEXER_ERROR);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void http401IsANonRetryableUnauthorized() {
    enqueueXml(401, "error-bad-apikey.xml");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 401").doesNotContain(KEY);
  }

  @Test
  void http429WithRetryAfterIsRetryableWithThatDelay() {
    enqueueXml(200, "prowlarr-caps.xml");
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "30")
            .body("<error code=\"429\" description=\"Request limit reached\"/>")
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void http410DisabledIndexerIsNonRetryable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(410)
            .body("<error code=\"410\" description=\"Indexer is disabled\"/>")
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNEXPECTED_STATUS);
  }

  @Test
  void http500IsARetryableServerError() {
    server.enqueue(new MockResponse.Builder().code(500).body("boom").build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.SERVER_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void malformedXmlIsANonRetryableMalformedResponse() {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "malformed.xml");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).doesNotContain(KEY);
  }

  @Test
  void externalEntityIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    enqueueXml(200, "prowlarr-caps.xml");
    server.enqueue(
        new MockResponse.Builder()
            .body(Feeds.read("xxe.xml").replace("SECRET_FILE_URI", secret.toUri().toString()))
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().search(MATRIX));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
  }

  @Test
  void entityExpansionInCapsIsRefused() {
    server.enqueue(
        new MockResponse.Builder()
            .body(
                "<?xml version=\"1.0\"?><!DOCTYPE caps [<!ENTITY a \"aaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><caps><server title=\"&b;\"/></caps>")
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().caps());

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
  }

  @Test
  void htmlLoginPageInsteadOfXmlIsMalformed() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "text/html")
            .body("<html><body>Please log in</body></html>")
            .build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().caps());

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.getOriginalMessage()).contains("<caps>").contains("<html>");
  }

  @Test
  void emptyBodyIsMalformed() {
    server.enqueue(new MockResponse.Builder().body("").build());

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> prowlarr().caps());

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void blankApiKeyIsNotSent() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    TorznabClient open =
        new TorznabClient(http, TorznabIndexer.torrent("open", server.url("/api"), " ", 0));

    open.caps();

    assertThat(take().getUrl().queryParameter("apikey")).isNull();
  }

  @Test
  void searchUrlKeepsQueryParametersOfTheConfiguredEndpoint() {
    TorznabClient client =
        new TorznabClient(
            http,
            TorznabIndexer.torrent("x", HttpUrl.get("http://indexer.local/api?passkey=p"), KEY, 0));
    TorznabCaps caps = new TorznabCaps(null, null, TorznabCaps.SearchMode.of(true, "q,imdbid"), 0);

    HttpUrl url = client.searchUrl(MATRIX, caps);

    assertThat(url.queryParameter("passkey")).isEqualTo("p");
    assertThat(url.queryParameter("t")).isEqualTo("movie");
    assertThat(url.queryParameter("limit")).as("a zero max is ignored").isEqualTo("100");
  }

  @Test
  void configuredCategoriesTheCapsDoNotListAreNotSent() throws Exception {
    enqueueXml(200, "jackett-caps.xml");
    enqueueXml(200, "jackett-movie-feed.xml");
    TorznabClient client =
        new TorznabClient(
            http,
            new TorznabIndexer(
                "jackett",
                server.url("/api/v2.0/indexers/yts/results/torznab/api"),
                KEY,
                10,
                List.of(100001, 2040, 8000, 2045),
                null,
                Protocol.TORRENT));

    List<Release> releases = client.search(MATRIX);

    take();
    HttpUrl search = take().getUrl();
    assertThat(search.encodedPath()).isEqualTo("/api/v2.0/indexers/yts/results/torznab/api");
    // 100001 and 2040 are listed, 2045 by its parent 2000; nothing lists 8000.
    assertThat(search.queryParameter("cat")).isEqualTo("100001,2040,2045");
    assertThat(releases).extracting(Release::protocol).containsOnly(Protocol.TORRENT);
  }

  @Test
  void anIndexerWhoseCapsServeNoneOfTheCategoriesIsNotSearched() throws Exception {
    enqueueXml(200, "tv-only-caps.xml");

    List<Release> releases = jackett().search(MATRIX);

    assertThat(releases).isEmpty();
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("caps");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void nzbEnclosureMakesAReleaseUsenetWhateverTheIndexerIsConfiguredAs() throws Exception {
    enqueueXml(200, "prowlarr-caps.xml");
    enqueueXml(200, "prowlarr-newznab-movie-feed.xml");

    List<Release> releases = prowlarr().search(MATRIX);

    assertThat(releases).extracting(Release::protocol).containsOnly(Protocol.USENET);
    assertThat(releases.get(0).downloadUrl()).doesNotContain("proxykey");
    take();
    assertThat(take().getUrl().queryParameter("t")).isEqualTo("movie");
  }

  @Test
  void newznabIndexerNamesItselfSoInFailures() {
    server.enqueue(new MockResponse.Builder().code(401).body("").build());
    TorznabClient client =
        new TorznabClient(http, TorznabIndexer.usenet("geek", server.url("/api"), KEY, 25));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> client.search(MATRIX));

    assertThat(failure.getOriginalMessage())
        .startsWith("Newznab indexer geek: ")
        .doesNotContain(KEY);
    assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
  }
}
