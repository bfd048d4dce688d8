package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@Timeout(10)
class SandboxIndexerTest {

  private static final String TORZNAB = "http://torznab.com/schemas/2015/feed";

  private final SandboxTestClock clock = new SandboxTestClock();
  private final MockMvc mvc = mvc(new SandboxIndexer(null, 3, clock));

  @Test
  void capsAdvertiseSearchMovieSearchAndTvSearchWithTheirParameters() throws Exception {
    MockHttpServletResponse response = call("/sandbox/torznab/api?t=caps&apikey=any");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("application/xml");
    Document caps = parse(response);
    Element searching = (Element) caps.getElementsByTagName("searching").item(0);
    assertThat(supportedParams(searching, "search")).isEqualTo("q");
    assertThat(supportedParams(searching, "movie-search")).isEqualTo("q,imdbid,tmdbid");
    assertThat(supportedParams(searching, "tv-search")).isEqualTo("q,season,ep,tvdbid,tmdbid");
    NodeList categories = caps.getElementsByTagName("category");
    assertThat(((Element) categories.item(0)).getAttribute("id")).isEqualTo("2000");
    assertThat(((Element) categories.item(1)).getAttribute("id")).isEqualTo("5000");
  }

  @Test
  void movieSearchAnswersTorznabRssWithThreeQualitiesAndDeterministicMagnets() throws Exception {
    MockHttpServletResponse response =
        call("/sandbox/torznab/api?t=movie&apikey=k&q=Dune Part Two 2024&tmdbid=693134");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("application/rss+xml");
    Document rss = parse(response);
    assertThat(rss.getDocumentElement().getTagName()).isEqualTo("rss");
    assertThat(rss.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
    List<Element> items = items(rss);
    assertThat(items)
        .extracting(item -> text(item, "title"))
        .containsExactly(
            "Dune.Part.Two.2024.1080p.WEB-DL.x264-SANDBOX",
            "Dune.Part.Two.2024.2160p.WEB-DL.x265-SANDBOX",
            "Dune.Part.Two.2024.720p.WEB-DL.x264-SANDBOX");

    Element first = items.get(0);
    String title = text(first, "title");
    String hash = sha1Hex(title);
    Map<String, List<String>> attrs = torznabAttrs(first);
    assertThat(attrs.get("infohash")).containsExactly(hash);
    assertThat(attrs.get("magneturl"))
        .containsExactly("magnet:?xt=urn:btih:" + hash + "&dn=" + title);
    assertThat(attrs.get("category")).containsExactly("2000", "2040");
    assertThat(attrs.get("tmdbid")).containsExactly("693134");
    assertThat(Integer.parseInt(attrs.get("peers").get(0)))
        .isGreaterThan(Integer.parseInt(attrs.get("seeders").get(0)));
    long size = Long.parseLong(text(first, "size"));
    assertThat(size).isGreaterThan(7L << 30);
    assertThat(attrs.get("size")).containsExactly(Long.toString(size));
    assertThat(text(first, "link")).isEqualTo(attrs.get("magneturl").get(0));
    assertThat(text(first, "guid")).isEqualTo("sandbox-" + hash);
    Element enclosure = (Element) first.getElementsByTagName("enclosure").item(0);
    assertThat(enclosure.getAttribute("url")).isEqualTo(attrs.get("magneturl").get(0));
    assertThat(enclosure.getAttribute("length")).isEqualTo(Long.toString(size));
    assertThat(enclosure.getAttribute("type")).isEqualTo("application/x-bittorrent");
    ZonedDateTime published =
        ZonedDateTime.parse(text(first, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(published.toInstant()).isBefore(SandboxTestClock.START);
    assertThat(torznabAttrs(items.get(1)).get("category")).containsExactly("2000", "2045");
  }

  @Test
  void theSameQueryAlwaysYieldsTheSameReleases() throws Exception {
    String url = "/sandbox/torznab/api?t=search&apikey=k&q=Arrival";

    assertThat(call(url).getContentAsString()).isEqualTo(call(url).getContentAsString());
  }

  @Test
  void tvSearchNamesSeasonPacksOrEpisodesInTvCategories() throws Exception {
    List<Element> pack =
        items(parse(call("/sandbox/torznab/api?t=tvsearch&apikey=k&q=Severance&season=2")));
    List<Element> episode =
        items(
            parse(
                call(
                    "/sandbox/torznab/api?t=tvsearch&apikey=k&q=Severance&season=2&ep=3&tvdbid=371980")));

    assertThat(text(pack.get(0), "title")).isEqualTo("Severance.S02.1080p.WEB-DL.x264-SANDBOX");
    assertThat(torznabAttrs(pack.get(0)).get("category")).containsExactly("5000", "5040");
    assertThat(text(episode.get(0), "title"))
        .isEqualTo("Severance.S02E03.1080p.WEB-DL.x264-SANDBOX");
    assertThat(torznabAttrs(episode.get(0)).get("tvdbid")).containsExactly("371980");
    assertThat(Long.parseLong(text(pack.get(0), "size")))
        .isGreaterThan(Long.parseLong(text(episode.get(0), "size")));
  }

  @Test
  void searchByIdOnlyStillFindsReleasesNamedAfterTheId() throws Exception {
    List<Element> items =
        items(parse(call("/sandbox/torznab/api?t=movie&apikey=k&imdbid=tt1160419")));

    assertThat(text(items.get(0), "title"))
        .isEqualTo("Sandbox.Title.tt1160419.1080p.WEB-DL.x264-SANDBOX");
    assertThat(torznabAttrs(items.get(0)).get("imdb")).containsExactly("1160419");
  }

  @Test
  void categoryFilterAndPagingApplyAsOnARealIndexer() throws Exception {
    Document tvOnly = parse(call("/sandbox/torznab/api?t=movie&apikey=k&q=Arrival&cat=5000,5040"));
    Document uhdOnly = parse(call("/sandbox/torznab/api?t=movie&apikey=k&q=Arrival&cat=2045"));
    Document secondPage =
        parse(call("/sandbox/torznab/api?t=movie&apikey=k&q=Arrival&offset=1&limit=1"));

    assertThat(items(tvOnly)).isEmpty();
    assertThat(items(uhdOnly))
        .extracting(i -> text(i, "title"))
        .containsExactly("Arrival.2160p.WEB-DL.x265-SANDBOX");
    assertThat(items(secondPage))
        .extracting(i -> text(i, "title"))
        .containsExactly("Arrival.2160p.WEB-DL.x265-SANDBOX");
    Element page = (Element) secondPage.getElementsByTagNameNS(TORZNAB, "response").item(0);
    assertThat(page.getAttribute("offset")).isEqualTo("1");
    assertThat(page.getAttribute("total")).isEqualTo("3");
  }

  @Test
  void releasesPerSearchLimitsTheFabricatedReleases() throws Exception {
    MockMvc twoPerSearch = mvc(new SandboxIndexer(null, 2, clock));

    List<Element> items =
        items(
            parse(
                twoPerSearch
                    .perform(get("/sandbox/torznab/api?t=search&apikey=k&q=Heat"))
                    .andReturn()
                    .getResponse()));

    assertThat(items)
        .extracting(i -> text(i, "title"))
        .containsExactly("Heat.1080p.WEB-DL.x264-SANDBOX", "Heat.2160p.WEB-DL.x265-SANDBOX");
  }

  @Test
  void aSearchWithoutQueryIsAnEmptyFeed() throws Exception {
    MockHttpServletResponse response = call("/sandbox/torznab/api?t=search&apikey=k");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(items(parse(response))).isEmpty();
  }

  @Test
  void missingApiKeyIsError100WithStatus401AsProwlarrAnswers() throws Exception {
    MockHttpServletResponse response = call("/sandbox/torznab/api?t=caps");

    assertError(response, 401, "100", "Invalid API Key");
  }

  @Test
  void aQueryContainingTheFailMarkerIsAnsweredLikeARejectedApiKey() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(
                get("/sandbox/torznab/api")
                    .param("t", "movie")
                    .param("apikey", "k")
                    .param("q", "Broken [fail] 2001"))
            .andReturn()
            .getResponse();

    assertError(response, 401, "100", "Invalid API Key");
  }

  @Test
  void aConfiguredApiKeyMustMatchButMayComeAsHeader() throws Exception {
    MockMvc keyed = mvc(new SandboxIndexer("s3cret", 3, clock));

    assertError(
        keyed.perform(get("/sandbox/torznab/api?t=caps&apikey=wrong")).andReturn().getResponse(),
        401,
        "100",
        "Invalid API Key");
    assertThat(
            keyed
                .perform(get("/sandbox/torznab/api?t=caps").header("X-Api-Key", "s3cret"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void unknownFunctionsAndBadParametersAreTorznabErrors() throws Exception {
    assertError(
        call("/sandbox/torznab/api?t=music&apikey=k"), 400, "203", "Function not available");
    assertError(call("/sandbox/torznab/api?apikey=k"), 400, "200", "Missing parameter (t)");
    assertError(
        call("/sandbox/torznab/api?t=movie&apikey=k&tmdbid=abc"),
        400,
        "201",
        "Incorrect parameter (tmdbid)");
    assertError(
        call("/sandbox/torznab/api?t=movie&apikey=k&imdbid=ttx1"),
        400,
        "201",
        "Incorrect parameter (imdbid)");
  }

  @Test
  void faultSwitchMakesEverySearchAnswerTheChosenErrorUntilCleared() throws Exception {
    String search = "/sandbox/torznab/api?t=movie&apikey=k&q=Fault Movie";

    assertThat(
            mvc.perform(put("/sandbox/torznab/fault?status=401"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(204);
    assertError(call(search), 401, "100", "Invalid API Key");

    mvc.perform(put("/sandbox/torznab/fault?status=503"));
    assertError(call(search), 503, "900", "Simulated fault");

    assertThat(mvc.perform(delete("/sandbox/torznab/fault")).andReturn().getResponse().getStatus())
        .isEqualTo(204);
    assertThat(call(search).getStatus()).isEqualTo(200);
  }

  @Test
  void faultSwitchRejectsAStatusThatIsNoError() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(put("/sandbox/torznab/fault?status=200")).andReturn().getResponse();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(call("/sandbox/torznab/api?t=caps&apikey=any").getStatus()).isEqualTo(200);
  }

  private static MockMvc mvc(SandboxIndexer indexer) {
    return MockMvcBuilders.routerFunctions(indexer.routes()).build();
  }

  private MockHttpServletResponse call(String url) throws Exception {
    return mvc.perform(get(url)).andReturn().getResponse();
  }

  private static void assertError(
      MockHttpServletResponse response, int status, String code, String description)
      throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    Element error = parse(response).getDocumentElement();
    assertThat(error.getTagName()).isEqualTo("error");
    assertThat(error.getAttribute("code")).isEqualTo(code);
    assertThat(error.getAttribute("description")).isEqualTo(description);
  }

  private static Document parse(MockHttpServletResponse response) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.getContentAsByteArray()));
  }

  private static List<Element> items(Document rss) {
    NodeList nodes = rss.getElementsByTagName("item");
    List<Element> items = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      items.add((Element) nodes.item(i));
    }
    return items;
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }

  private static Map<String, List<String>> torznabAttrs(Element item) {
    NodeList nodes = item.getElementsByTagNameNS(TORZNAB, "attr");
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element attr = (Element) nodes.item(i);
      attrs
          .computeIfAbsent(attr.getAttribute("name"), k -> new ArrayList<>())
          .add(attr.getAttribute("value"));
    }
    return attrs;
  }

  private static String supportedParams(Element searching, String mode) {
    Element element = (Element) searching.getElementsByTagName(mode).item(0);
    assertThat(element.getAttribute("available")).isEqualTo("yes");
    return element.getAttribute("supportedParams");
  }

  private static String sha1Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
