package io.temporarr.activities.qbittorrent;

import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.MOVIE_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.SHOW_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.UNTAGGED_HASH;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.form;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.json;
import static io.temporarr.activities.qbittorrent.QbittorrentFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.download.DownloadHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** retireDownload and removeSeeded against qBittorrent's tags and share counters. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QbittorrentSeedingTest {

  private static final String CLIENT = "qbittorrent";
  private static final DownloadHandle MOVIE =
      new DownloadHandle(CLIENT, MOVIE_HASH.toUpperCase(), "Sample.Movie.2024");
  private static final String IMPORTED = SeedingGoals.IMPORTED_MARK;
  private static final String WORKFLOW = "media-request:seerr:42";
  private static final String OTHER_WORKFLOW = "media-request:radarr:7";

  @StartStop private final MockWebServer qbittorrent = new MockWebServer();

  private QbittorrentDownloadActivities activities(SeedingGoals goals) {
    QbittorrentSettings settings =
        QbittorrentSettings.withoutLogin(CLIENT, qbittorrent.url("/"), null).withSeeding(goals);
    return new QbittorrentDownloadActivities(
            Map.of(CLIENT, new QbittorrentClient(HttpClients.create(), settings)),
            HttpClients.create())
        .withCaller(() -> WORKFLOW);
  }

  /** A {@code torrents/info} item as qBittorrent 4.5 lists it (ratio, seeding_time in seconds). */
  private static String torrent(String hash, String tags, double ratio, long seedingTime) {
    return "{\"hash\":\""
        + hash
        + "\",\"name\":\"T\",\"state\":\"stalledUP\",\"progress\":1,\"amount_left\":0,"
        + "\"tags\":\""
        + tags
        + "\",\"ratio\":"
        + ratio
        + ",\"seeding_time\":"
        + seedingTime
        + "}";
  }

  @Test
  void withoutGoalsRetiringAndRemovingSeededMakeNoRequest() {
    QbittorrentDownloadActivities activities = activities(SeedingGoals.KEEP);

    activities.retireDownload(MOVIE);
    assertThat(activities.removeSeeded(CLIENT)).isEmpty();

    assertThat(qbittorrent.getRequestCount()).isZero();
  }

  @Test
  void withAGoalRetiringMarksTheDownloadImportedThenTakesTheRequestsTagOff() throws Exception {
    qbittorrent.enqueue(json("[" + torrent(MOVIE_HASH, WORKFLOW, 0, 0) + "]"));
    qbittorrent.enqueue(text(""));
    qbittorrent.enqueue(text(""));

    activities(new SeedingGoals(1.0, null, true)).retireDownload(MOVIE);

    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    RecordedRequest mark = qbittorrent.takeRequest();
    assertThat(mark.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addTags");
    assertThat(form(mark)).containsEntry("hashes", MOVIE_HASH).containsEntry("tags", IMPORTED);
    RecordedRequest untag = qbittorrent.takeRequest();
    assertThat(untag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/removeTags");
    assertThat(form(untag)).containsEntry("hashes", MOVIE_HASH).containsEntry("tags", WORKFLOW);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(3);
  }

  @Test
  void withoutGoalsButRemoveImportedTheLastRequestDeletesTheDownloadWithItsFiles()
      throws Exception {
    qbittorrent.enqueue(text(""));
    qbittorrent.enqueue(json("[" + torrent(MOVIE_HASH, "tv", 0, 0) + "]"));
    qbittorrent.enqueue(text(""));

    activities(new SeedingGoals(null, null, true)).retireDownload(MOVIE);

    RecordedRequest untag = qbittorrent.takeRequest();
    assertThat(untag.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/removeTags");
    assertThat(form(untag)).containsEntry("tags", WORKFLOW);
    assertThat(qbittorrent.takeRequest().getUrl().queryParameter("hashes")).isEqualTo(MOVIE_HASH);
    RecordedRequest request = qbittorrent.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/delete");
    assertThat(form(request))
        .containsEntry("hashes", MOVIE_HASH)
        .containsEntry("deleteFiles", "true");
  }

  @Test
  void removeImportedKeepsADownloadAnotherRequestStillWaitsFor() throws Exception {
    qbittorrent.enqueue(text(""));
    qbittorrent.enqueue(json("[" + torrent(MOVIE_HASH, OTHER_WORKFLOW, 0, 0) + "]"));

    activities(new SeedingGoals(null, null, true)).retireDownload(MOVIE);

    assertThat(qbittorrent.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/v2/torrents/removeTags");
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aCancelledShareOfADownloadSeedingForAnImportIsLeftToItsGoal() throws Exception {
    qbittorrent.enqueue(text(""));
    qbittorrent.enqueue(json("[" + torrent(MOVIE_HASH, IMPORTED, 0.1, 60) + "]"));

    activities(new SeedingGoals(1.0, null, true))
        .removeDownload(new DownloadHandle(CLIENT, MOVIE_HASH, "x"), true);

    assertThat(qbittorrent.takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/v2/torrents/removeTags");
    assertThat(qbittorrent.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(qbittorrent.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aGoalNotMetRemovesNothing() throws Exception {
    qbittorrent.enqueue(json("[" + torrent(MOVIE_HASH, IMPORTED, 0.5, 3600) + "]"));

    List<String> removed =
        activities(new SeedingGoals(1.0, Duration.ofHours(2), true)).removeSeeded(CLIENT);

    assertThat(removed).isEmpty();
    RecordedRequest listing = qbittorrent.takeRequest();
    assertThat(listing.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/info");
    assertThat(listing.getUrl().queryParameter("tag")).isEqualTo(IMPORTED);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void removesWithTheirFilesOnlyImportedTorrentsNoRequestWantsThatMetAGoal() throws Exception {
    // qBittorrent 4.x answers an unknown tag filter with every torrent: the tag is checked again.
    qbittorrent.enqueue(
        json(
            "["
                + torrent(MOVIE_HASH, "tv, " + IMPORTED, 1.2, 60)
                + ","
                + torrent(QbittorrentFixtures.NEW_HASH, OTHER_WORKFLOW + ", " + IMPORTED, 9, 9999)
                + ","
                + torrent(SHOW_HASH, IMPORTED, 0.1, 7200)
                + ","
                + torrent(UNTAGGED_HASH, "", 5.0, 99999)
                + ","
                + torrent("0".repeat(40), IMPORTED, 0.1, 60)
                + "]"));
    qbittorrent.enqueue(text(""));

    List<String> removed =
        activities(new SeedingGoals(1.0, Duration.ofHours(2), true)).removeSeeded(CLIENT);

    assertThat(removed).containsExactly(MOVIE_HASH, SHOW_HASH);
    qbittorrent.takeRequest();
    RecordedRequest delete = qbittorrent.takeRequest();
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/delete");
    assertThat(form(delete))
        .containsEntry("hashes", MOVIE_HASH + "|" + SHOW_HASH)
        .containsEntry("deleteFiles", "true");
  }

  @Test
  void aBlankHandleRetiresNothing() {
    activities(new SeedingGoals(null, null, true))
        .retireDownload(new DownloadHandle(CLIENT, null, "x"));

    assertThat(qbittorrent.getRequestCount()).isZero();
  }
}
