package io.temporarr.activities.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.temporarr.workflows.search.Protocol;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseSelectorTest {
  private static final long GB = 1L << 30;

  /** A torrent release; the quality is read from the title as the Torznab client does. */
  private static Release torrent(String title, long size, int seeders) {
    return release(title, "guid-" + title, null, "idx", 0, Protocol.TORRENT, size, seeders);
  }

  private static Release release(
      String title,
      String guid,
      String infoHash,
      String indexer,
      int priority,
      Protocol protocol,
      long size,
      int seeders) {
    return new Release(
        guid,
        title,
        indexer,
        priority,
        protocol,
        "magnet:?xt=urn:btih:" + infoHash,
        infoHash,
        size,
        seeders,
        0,
        null,
        List.of(2000),
        Qualities.fromTitle(title));
  }

  private static ReleaseCriteria criteria(
      Long min, Long max, List<String> required, List<String> forbidden, List<String> preferred) {
    return new ReleaseCriteria(
        null, min, max, required, forbidden, preferred, List.of("2160p", "1080p", "720p"));
  }

  private static List<String> titles(List<Release> releases) {
    return releases.stream().map(Release::title).toList();
  }

  @Test
  void everyFilterRejectsWithItsStableReason() {
    ReleaseSelector selector =
        new ReleaseSelector(
            criteria(2 * GB, 40 * GB, List.of("bluray", "web dl"), List.of("cam", "hdts"), null));
    Release blocked =
        release(
            "Movie.2020.1080p.BluRay-A",
            "g1",
            "ABCDEF0000000000000000000000000000000000",
            "idx",
            0,
            Protocol.TORRENT,
            8 * GB,
            50);

    SearchResult result =
        selector.select(
            List.of(
                blocked,
                torrent("Movie.2020.480p.BluRay-B", 8 * GB, 50),
                torrent("Movie.2020.1080p.BluRay-C", 8 * GB, 0),
                torrent("Movie.2020.1080p.BluRay-D", GB, 50),
                torrent("Movie.2020.2160p.BluRay-E", 60 * GB, 50),
                torrent("Movie.2020.1080p.CAM.BluRay-F", 8 * GB, 50),
                torrent("Movie.2020.1080p.HDTV-G", 8 * GB, 50),
                torrent("Movie.2020.1080p.WEB-DL-H", 8 * GB, 50)),
            List.of("abcdef0000000000000000000000000000000000"));

    assertThat(result.rejected())
        .extracting(Rejection::title, Rejection::reason)
        .containsExactly(
            tuple("Movie.2020.1080p.BluRay-A", RejectionReasons.BLOCKLISTED),
            tuple("Movie.2020.480p.BluRay-B", RejectionReasons.QUALITY_NOT_ALLOWED),
            tuple("Movie.2020.1080p.BluRay-C", RejectionReasons.MIN_SEEDERS),
            tuple("Movie.2020.1080p.BluRay-D", RejectionReasons.TOO_SMALL),
            tuple("Movie.2020.2160p.BluRay-E", RejectionReasons.TOO_LARGE),
            tuple("Movie.2020.1080p.CAM.BluRay-F", RejectionReasons.FORBIDDEN_TERM),
            tuple("Movie.2020.1080p.HDTV-G", RejectionReasons.MISSING_REQUIRED_TERM));
    assertThat(titles(result.accepted())).containsExactly("Movie.2020.1080p.WEB-DL-H");
  }

  @Test
  void blocklistMatchesTheGuidWhenTheReleaseHasNoInfohash() {
    ReleaseSelector selector = new ReleaseSelector(ReleaseCriteria.defaults());
    Release nzb = release("Movie.1080p", "https://nzb/1", null, "nzb", 0, Protocol.USENET, GB, 0);

    SearchResult result = selector.select(List.of(nzb), List.of("https://nzb/1"));

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected()).containsExactly(new Rejection("Movie.1080p", "blocklisted"));
  }

  @Test
  void usenetReleasesHaveNoSeederMinimumAndUnknownSizePassesTheBounds() {
    ReleaseSelector selector = new ReleaseSelector(criteria(GB, 2 * GB, null, null, null));
    Release nzb = release("Movie.1080p", "n1", null, "nzb", 0, Protocol.USENET, 0, 0);
    Release unknownSize = torrent("Movie.720p", 0, 3);

    SearchResult result = selector.select(List.of(nzb, unknownSize), null);

    assertThat(titles(result.accepted())).containsExactly("Movie.1080p", "Movie.720p");
    assertThat(result.rejected()).isEmpty();
  }

  @Test
  void termsMatchWholeWordsCaseInsensitively() {
    ReleaseSelector selector =
        new ReleaseSelector(
            new ReleaseCriteria(
                null, null, null, null, List.of("TS", "Hindi Dub"), null, List.of()));

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.2020.TS.x264", GB, 5),
                torrent("Movie.2020.HINDI-DUB.1080p", GB, 5),
                torrent("Movie.2020.TSX.1080p", GB, 5),
                torrent("Movie.2020.Hindi.1080p", GB, 5),
                torrent("Boots.2020.1080p", GB, 5)),
            List.of());

    assertThat(result.rejected())
        .extracting(Rejection::title)
        .containsExactly("Movie.2020.TS.x264", "Movie.2020.HINDI-DUB.1080p");
    assertThat(titles(result.accepted()))
        .containsExactlyInAnyOrder(
            "Movie.2020.TSX.1080p", "Movie.2020.Hindi.1080p", "Boots.2020.1080p");
  }

  @Test
  void qualityPreferenceComesFirst() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, null, null, null, null));

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.720p", GB, 5000),
                torrent("Movie.2160p", GB, 2),
                torrent("Movie.1080p", GB, 500)),
            List.of());

    assertThat(titles(result.accepted()))
        .containsExactly("Movie.2160p", "Movie.1080p", "Movie.720p");
  }

  @Test
  void preferredTermsBeatIndexerPriority() {
    ReleaseSelector selector =
        new ReleaseSelector(criteria(null, null, null, null, List.of("remux", "atmos")));
    Release plain = release("Movie.1080p.BluRay", "a", null, "best", 50, Protocol.TORRENT, GB, 10);
    Release oneTerm = release("Movie.1080p.REMUX", "b", null, "worst", 0, Protocol.TORRENT, GB, 10);
    Release twoTerms =
        release("Movie.1080p.REMUX.Atmos", "c", null, "worst", 0, Protocol.TORRENT, GB, 10);

    SearchResult result = selector.select(List.of(plain, oneTerm, twoTerms), List.of());

    assertThat(titles(result.accepted()))
        .containsExactly("Movie.1080p.REMUX.Atmos", "Movie.1080p.REMUX", "Movie.1080p.BluRay");
  }

  @Test
  void lowerIndexerPriorityBeatsSeeders() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, null, null, null, null));
    Release popular = release("Movie.1080p.A", "a", null, "low", 30, Protocol.TORRENT, GB, 9000);
    Release preferred = release("Movie.1080p.B", "b", null, "high", 10, Protocol.TORRENT, GB, 2);

    assertThat(titles(selector.select(List.of(popular, preferred), List.of()).accepted()))
        .containsExactly("Movie.1080p.B", "Movie.1080p.A");
  }

  @Test
  void seedersCountOnARoundedLogScaleThenSizeClosestToTheMiddleDecides() {
    ReleaseSelector selector = new ReleaseSelector(criteria(2 * GB, 10 * GB, null, null, null));

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.1080p.few", 6 * GB, 5),
                torrent("Movie.1080p.far", 9 * GB, 110),
                torrent("Movie.1080p.near", 6 * GB, 90),
                torrent("Movie.1080p.thousand", 3 * GB, 1000)),
            List.of());

    // log10: 1000 -> 3; 90 and 110 -> 2 (tie, 6 GB is the middle of 2..10); 5 -> 1
    assertThat(titles(result.accepted()))
        .containsExactly(
            "Movie.1080p.thousand", "Movie.1080p.near", "Movie.1080p.far", "Movie.1080p.few");
  }

  @Test
  void sizeClosenessUsesZeroAsLowerBoundWhenOnlyAMaximumIsSet() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, 10 * GB, null, null, null));

    SearchResult result =
        selector.select(
            List.of(torrent("Movie.1080p.big", 9 * GB, 10), torrent("Movie.1080p.mid", 5 * GB, 10)),
            List.of());

    assertThat(titles(result.accepted())).containsExactly("Movie.1080p.mid", "Movie.1080p.big");
  }

  @Test
  void duplicatesKeepTheBestRankedCopy() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, null, null, null, null));
    String hash = "1234567890abcdef1234567890abcdef12345678";
    Release fromLowPriority =
        release("Movie.1080p", "low-guid", hash, "low", 40, Protocol.TORRENT, GB, 10);
    Release fromHighPriority =
        release(
            "Movie.1080p", "high-guid", hash.toUpperCase(), "high", 5, Protocol.TORRENT, GB, 10);
    Release sameGuid =
        release("Movie.1080p.again", "high-guid", null, "other", 50, Protocol.TORRENT, GB, 10);

    SearchResult result =
        selector.select(List.of(fromLowPriority, fromHighPriority, sameGuid), List.of());

    assertThat(result.accepted()).extracting(Release::indexer).containsExactly("high");
    assertThat(result.rejected())
        .extracting(Rejection::title, Rejection::reason)
        .containsExactly(
            tuple("Movie.1080p", RejectionReasons.DUPLICATE),
            tuple("Movie.1080p.again", RejectionReasons.DUPLICATE));
  }

  @Test
  void withoutQualityListEveryQualityIsAcceptedAndTheRestOfTheRankingApplies() {
    ReleaseSelector selector = new ReleaseSelector(null);
    Release unknown = release("Movie.WEB", "a", null, "i", 5, Protocol.TORRENT, GB, 10);
    Release uhd = release("Movie.2160p", "b", null, "i", 0, Protocol.TORRENT, GB, 10);
    Release nullQuality =
        new Release(
            "c", "Movie.x", "i", 1, Protocol.TORRENT, "u", null, GB, 10, 0, null, null, null);

    SearchResult result = selector.select(List.of(uhd, unknown, nullQuality), List.of());

    assertThat(titles(result.accepted())).containsExactly("Movie.2160p", "Movie.x", "Movie.WEB");
  }

  @Test
  void unknownQualityIsRejectedWhenQualitiesAreListed() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, null, null, null, null));

    SearchResult result = selector.select(List.of(torrent("Movie.WEB-DL", GB, 10)), List.of());

    assertThat(result.rejected())
        .containsExactly(new Rejection("Movie.WEB-DL", RejectionReasons.QUALITY_NOT_ALLOWED));
  }

  @Test
  void nullInputsAreAnEmptySelection() {
    ReleaseSelector selector = new ReleaseSelector(ReleaseCriteria.defaults());
    List<String> blocklist = new ArrayList<>();
    blocklist.add(null);

    SearchResult result = selector.select(null, blocklist);

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected()).isEmpty();
  }

  @Test
  void rankingIsExposedForCallersThatMergeSelections() {
    ReleaseSelector selector = new ReleaseSelector(criteria(null, null, null, null, null));

    assertThat(
            selector.ranking().compare(torrent("Movie.2160p", GB, 1), torrent("Movie.720p", GB, 1)))
        .isNegative();
  }

  private static final long MIB = 1L << 20;

  private static ReleaseCriteria profile(
      Long min,
      Long max,
      Double minPerMinute,
      Double maxPerMinute,
      Protocol preferred,
      Set<Protocol> allowed) {
    return new ReleaseCriteria(
        1,
        min,
        max,
        null,
        null,
        null,
        List.of("1080p"),
        minPerMinute,
        maxPerMinute,
        preferred,
        allowed);
  }

  @Test
  void sizePerMinuteOfRuntimeReplacesTheAbsoluteBoundsWhenTheRuntimeIsKnown() {
    // 100 min: 10..50 MB/min is 1000..5000 MiB; the absolute bounds would be 6..8 GiB.
    ReleaseSelector selector = new ReleaseSelector(profile(6 * GB, 8 * GB, 10.0, 50.0, null, null));
    List<Release> releases =
        List.of(
            torrent("Movie.1080p.small", 900 * MIB, 10),
            torrent("Movie.1080p.fits", 3000 * MIB, 10),
            torrent("Movie.1080p.large", 5100 * MIB, 10),
            torrent("Movie.1080p.absolute", 7 * GB, 10));

    SearchResult withRuntime = selector.select(releases, List.of(), 100);
    SearchResult withoutRuntime = selector.select(releases, List.of(), null);

    assertThat(titles(withRuntime.accepted())).containsExactly("Movie.1080p.fits");
    assertThat(withRuntime.rejected())
        .extracting(Rejection::title, Rejection::reason)
        .containsExactly(
            tuple("Movie.1080p.small", RejectionReasons.TOO_SMALL),
            tuple("Movie.1080p.large", RejectionReasons.TOO_LARGE),
            tuple("Movie.1080p.absolute", RejectionReasons.TOO_LARGE));
    assertThat(titles(withoutRuntime.accepted())).containsExactly("Movie.1080p.absolute");
  }

  @Test
  void aPerMinuteBoundOnOneSideKeepsTheAbsoluteBoundOfTheOther() {
    ReleaseSelector selector = new ReleaseSelector(profile(2 * GB, null, null, 20.0, null, null));

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.1080p.tiny", GB, 10),
                torrent("Movie.1080p.ok", 2500 * MIB, 10),
                torrent("Movie.1080p.big", 3 * GB, 10)),
            List.of(),
            150); // at most 3000 MiB

    assertThat(titles(result.accepted())).containsExactly("Movie.1080p.ok");
    assertThat(result.rejected())
        .extracting(Rejection::reason)
        .containsExactly(RejectionReasons.TOO_SMALL, RejectionReasons.TOO_LARGE);
  }

  @Test
  void theMiddleOfThePerMinuteBoundsIsThePreferredSize() {
    ReleaseSelector selector =
        new ReleaseSelector(profile(null, null, 10.0, 30.0, null, null)); // 100 min: 1000..3000

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.1080p.edge", 2900 * MIB, 10),
                torrent("Movie.1080p.middle", 2000 * MIB, 10)),
            List.of(),
            100);

    assertThat(titles(result.accepted())).containsExactly("Movie.1080p.middle", "Movie.1080p.edge");
  }

  @Test
  void releasesOfAProtocolWithoutDownloadClientAreRejected() {
    ReleaseSelector selector =
        new ReleaseSelector(profile(null, null, null, null, null, Set.of(Protocol.TORRENT)));
    Release nzb = release("Movie.1080p.NZB", "n", null, "nzb", 1, Protocol.USENET, GB, 0);

    SearchResult result =
        selector.select(List.of(nzb, torrent("Movie.1080p.T", GB, 10)), List.of());

    assertThat(titles(result.accepted())).containsExactly("Movie.1080p.T");
    assertThat(result.rejected())
        .containsExactly(new Rejection("Movie.1080p.NZB", RejectionReasons.PROTOCOL_NOT_ALLOWED));
  }

  @Test
  void preferredProtocolRanksAfterPreferredTermsAndBeforeIndexerPriority() {
    ReleaseCriteria criteria =
        new ReleaseCriteria(
            1,
            null,
            null,
            null,
            null,
            List.of("remux"),
            List.of("1080p"),
            null,
            null,
            Protocol.USENET,
            null);
    ReleaseSelector selector = new ReleaseSelector(criteria);
    Release torrentFromPreferredIndexer =
        release("Movie.1080p.T", "t", null, "a", 1, Protocol.TORRENT, GB, 500);
    Release usenet = release("Movie.1080p.U", "u", null, "b", 50, Protocol.USENET, GB, 0);
    Release torrentRemux =
        release("Movie.1080p.REMUX.T", "r", null, "a", 50, Protocol.TORRENT, GB, 5);

    SearchResult result =
        selector.select(List.of(torrentFromPreferredIndexer, usenet, torrentRemux), List.of());

    assertThat(titles(result.accepted()))
        .containsExactly("Movie.1080p.REMUX.T", "Movie.1080p.U", "Movie.1080p.T");
  }

  @Test
  void minimumSeedersApplyToTorrentsOnly() {
    ReleaseCriteria criteria =
        new ReleaseCriteria(5, null, null, null, null, null, null, null, null, null, null);
    ReleaseSelector selector = new ReleaseSelector(criteria);

    SearchResult result =
        selector.select(
            List.of(
                torrent("Movie.1080p.four", GB, 4),
                torrent("Movie.1080p.five", GB, 5),
                release("Movie.1080p.nzb", "n", null, "u", 1, Protocol.USENET, GB, 0)),
            List.of());

    assertThat(titles(result.accepted()))
        .containsExactlyInAnyOrder("Movie.1080p.five", "Movie.1080p.nzb");
    assertThat(result.rejected())
        .containsExactly(new Rejection("Movie.1080p.four", RejectionReasons.MIN_SEEDERS));
  }
}
