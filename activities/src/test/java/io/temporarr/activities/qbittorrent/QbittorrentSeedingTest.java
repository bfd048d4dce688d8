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

  @StartStop private final MockWebServer qbittorrent = new MockWebServer();

  private QbittorrentDownloadActivities activities(SeedingGoals goals) {
    QbittorrentSettings settings =
        QbittorrentSettings.withoutLogin(CLIENT, qbittorrent.url("/"), null).withSeeding(goals);
    return new QbittorrentDownloadActivities(
        Map.of(CLIENT, new QbittorrentClient(HttpClients.create(), settings)),
        HttpClients.create());
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
  void withAGoalRetiringTagsTheDownloadImported() throws Exception {
    qbittorrent.enqueue(text(""));

    activities(new SeedingGoals(1.0, null, true)).retireDownload(MOVIE);

    RecordedRequest request = qbittorrent.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/addTags");
    assertThat(form(request)).containsEntry("hashes", MOVIE_HASH).containsEntry("tags", IMPORTED);
    assertThat(qbittorrent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutGoalsButRemoveImportedTheDownloadIsDeletedWithItsFilesAtOnce() throws Exception {
    qbittorrent.enqueue(text(""));

    activities(new SeedingGoals(null, null, true)).retireDownload(MOVIE);

    RecordedRequest request = qbittorrent.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/torrents/delete");
    assertThat(form(request))
        .containsEntry("hashes", MOVIE_HASH)
        .containsEntry("deleteFiles", "true");
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
  void removesWithTheirFilesOnlyImportedTorrentsThatMetAGoal() throws Exception {
    // qBittorrent 4.x answers an unknown tag filter with every torrent: the tag is checked again.
    qbittorrent.enqueue(
        json(
            "["
                + torrent(MOVIE_HASH, "media-request:seerr:42, " + IMPORTED, 1.2, 60)
                + ","
                + torrent(SHOW_HASH, IMPORTED, 0.1, 7200)
                + ","
                + torrent(UNTAGGED_HASH, "", 5.0, 99999)
                + ","
                + torrent(QbittorrentFixtures.NEW_HASH, IMPORTED, 0.1, 60)
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
