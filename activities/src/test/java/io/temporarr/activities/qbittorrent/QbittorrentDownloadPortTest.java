package io.temporarr.activities.qbittorrent;

import io.temporarr.activities.download.DownloadPortContract;
import io.temporarr.activities.download.SeedingGoals;
import java.util.Map;

/** The download port contract against a real qbittorrent-nox. */
class QbittorrentDownloadPortTest extends DownloadPortContract {

  @Override
  protected Downloader start(SeedingGoals goals) throws Exception {
    QbittorrentNox nox = QbittorrentNox.start();
    QbittorrentDownloadActivities activities =
        new QbittorrentDownloadActivities(
            Map.of(
                CLIENT,
                new QbittorrentClient(http, nox.settings(CLIENT, "temporarr").withSeeding(goals))),
            http);
    activities.withCaller(caller::get);
    return new Downloader(activities, nox.listenPort(), nox.savePath(), nox);
  }
}
