package io.temporarr.activities.torznab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class TorznabXmlTest {
  private static final HttpUrl URL = HttpUrl.get("http://indexer.local/api?t=search&apikey=k");

  private static List<TorznabItem> feed(String items) throws IOException {
    String xml =
        "<rss version=\"2.0\" xmlns:torznab=\""
            + TorznabXml.TORZNAB_NS
            + "\"><channel>"
            + items
            + "</channel></rss>";
    return TorznabXml.feed(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test", URL);
  }

  private static ApplicationFailure failureOf(String xml) {
    return catchThrowableOfType(
        ApplicationFailure.class,
        () ->
            TorznabXml.feed(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test", URL));
  }

  @Test
  void infohashIsTakenFromAHexMagnetWhenTheAttributeIsMissing() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><link>magnet:?xt=urn:btih:ABCDEF0123456789ABCDEF0123456789ABCDEF01"
                + "&amp;dn=A</link></item>");

    assertThat(items.get(0).infoHash()).isEqualTo("abcdef0123456789abcdef0123456789abcdef01");
    assertThat(items.get(0).guid()).as("no guid: the link stands in").startsWith("magnet:");
  }

  @Test
  void base32MagnetInfohashIsConvertedToHex() throws IOException {
    // base32 of the 20 bytes 0x00..0x13
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><torznab:attr name=\"magneturl\""
                + " value=\"magnet:?xt=urn:btih:AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT&amp;dn=A\"/></item>");

    assertThat(items.get(0).infoHash()).isEqualTo("000102030405060708090a0b0c0d0e0f10111213");
    assertThat(TorznabXml.base32ToHex("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).hasSize(40);
  }

  @Test
  void invalidInfohashAttributeFallsBackToTheMagnet() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><torznab:attr name=\"infohash\" value=\"not-a-hash\"/>"
                + "<enclosure url=\"magnet:?xt=urn:btih:1111111111111111111111111111111111111111\"/>"
                + "</item>");

    assertThat(items.get(0).infoHash()).isEqualTo("1111111111111111111111111111111111111111");
  }

  @Test
  void sizeFallsBackFromAttributeToElementToEnclosureLength() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>attr</title><size>2</size><enclosure url=\"http://x/1\" length=\"3\"/>"
                + "<torznab:attr name=\"size\" value=\"1\"/></item>"
                + "<item><title>element</title><size>2</size>"
                + "<enclosure url=\"http://x/2\" length=\"3\"/></item>"
                + "<item><title>enclosure</title><enclosure url=\"http://x/3\" length=\"3\"/></item>"
                + "<item><title>unknown</title><link>http://x/4</link>"
                + "<size>lots</size></item>");

    assertThat(items).extracting(TorznabItem::sizeBytes).containsExactly(1L, 2L, 3L, 0L);
  }

  @Test
  void leechersAttributeWinsOverPeersAndMissingNumbersAreZero() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><link>http://x/1</link>"
                + "<torznab:attr name=\"seeders\" value=\"5\"/>"
                + "<torznab:attr name=\"peers\" value=\"50\"/>"
                + "<torznab:attr name=\"leechers\" value=\"7\"/></item>"
                + "<item><title>B</title><link>http://x/2</link>"
                + "<torznab:attr name=\"peers\" value=\"3\"/></item>"
                + "<item><title>C</title><link>http://x/3</link></item>");

    assertThat(items).extracting(TorznabItem::seeders).containsExactly(5, 0, 0);
    assertThat(items).extracting(TorznabItem::leechers).containsExactly(7, 3, 0);
  }

  @Test
  void categoriesComeFromCategoryElementsWhenThereAreNoAttributes() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><link>http://x/1</link><category>2000</category>"
                + "<category>2040</category><category>2040</category>"
                + "<category>Movies</category></item>");

    assertThat(items.get(0).categories()).containsExactly(2000, 2040);
  }

  @Test
  void itemsWithoutTitleOrDownloadLinkAreSkipped() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><link>http://x/1</link></item>"
                + "<item><title>no link</title></item>"
                + "<item><title>  </title><link>http://x/2</link></item>"
                + "<item><title>ok</title><link>http://x/3</link></item>");

    assertThat(items).extracting(TorznabItem::title).containsExactly("ok");
  }

  @Test
  void pubDateThatIsNotRfc822IsKeptAsGivenAndMissingIsNull() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><link>http://x/1</link><pubDate>yesterday</pubDate></item>"
                + "<item><title>B</title><link>http://x/2</link></item>");

    assertThat(items).extracting(TorznabItem::publishedAt).containsExactly("yesterday", null);
  }

  @Test
  void imdbIdAttributeWithTtPrefixAndGarbageIdsAreHandled() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item><title>A</title><link>http://x/1</link>"
                + "<torznab:attr name=\"imdbid\" value=\"tt0133093\"/>"
                + "<torznab:attr name=\"tvdbid\" value=\"abc\"/>"
                + "<torznab:attr name=\"downloadvolumefactor\" value=\"half\"/></item>"
                + "<item><title>B</title><link>http://x/2</link>"
                + "<torznab:attr name=\"imdb\" value=\"n/a\"/>"
                + "<torznab:attr name=\"seeders\" value=\"99999999999\"/></item>");

    assertThat(items.get(0).imdbId()).isEqualTo(133093);
    assertThat(items.get(0).tvdbId()).isNull();
    assertThat(items.get(0).downloadVolumeFactor()).isNull();
    assertThat(items.get(1).imdbId()).isNull();
    assertThat(items.get(1).seeders()).as("out of int range: unknown").isZero();
  }

  @Test
  void attributesOfUnknownNamespacesAreIgnored() throws IOException {
    List<TorznabItem> items =
        feed(
            "<item xmlns:other=\"urn:other\"><title>A</title><link>http://x/1</link>"
                + "<other:attr name=\"seeders\" value=\"9\"/>"
                + "<torznab:attr name=\"\" value=\"1\"/>"
                + "<torznab:attr name=\"grabs\" value=\" \"/></item>");

    assertThat(items.get(0).seeders()).isZero();
  }

  @Test
  void rssWithoutChannelIsMalformed() {
    ApplicationFailure failure = failureOf("<rss version=\"2.0\"/>");

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.getOriginalMessage()).contains("without a channel").doesNotContain("apikey");
  }

  @Test
  void undeclaredTorznabPrefixIsMalformed() {
    ApplicationFailure failure =
        failureOf(
            "<rss><channel><item><title>A</title><torznab:attr name=\"seeders\" value=\"1\"/>"
                + "</item></channel></rss>");

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
  }

  @Test
  void errorCodesMapToTypedFailures() {
    assertThat(error("100"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.UNAUTHORIZED, true);
    assertThat(error("101"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.FORBIDDEN, true);
    assertThat(error("102"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.FORBIDDEN, true);
    assertThat(error("201"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.INDEXER_ERROR, true);
    assertThat(error("910"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.INDEXER_ERROR, true);
    assertThat(error("500"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.RATE_LIMITED, false);
    assertThat(error("501"))
        .extracting("type", "nonRetryable")
        .containsExactly(ErrorTypes.RATE_LIMITED, false);
  }

  @Test
  void errorWithoutCodeOrDescriptionStillFailsAndLongDescriptionsAreCut() {
    ApplicationFailure bare = failureOf("<error/>");
    ApplicationFailure verbose =
        failureOf("<error code=\"900\" description=\"" + "x".repeat(500) + "\"/>");

    assertThat(bare.getType()).isEqualTo(ErrorTypes.INDEXER_ERROR);
    assertThat(bare.getOriginalMessage()).contains("Torznab error ?");
    assertThat(verbose.getOriginalMessage()).hasSizeLessThan(400).endsWith("…)");
  }

  @Test
  void capsWithoutSearchingSectionStillOffersPlainSearch() throws IOException {
    TorznabCaps caps =
        TorznabXml.caps(
            new ByteArrayInputStream("<caps/>".getBytes(StandardCharsets.UTF_8)), "test", URL);

    assertThat(caps.search().supports("q")).isTrue();
    assertThat(caps.movieSearch().available()).isFalse();
    assertThat(caps.tvSearch().supports("q")).isFalse();
    assertThat(caps.maxLimit()).isNull();
  }

  private static ApplicationFailure error(String code) {
    return failureOf("<error code=\"" + code + "\" description=\"d\"/>");
  }
}
