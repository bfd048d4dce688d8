package io.temporarr.activities.transmission;

import io.temporarr.activities.download.DownloadPortContract;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import java.util.Map;

/** The download port contract against a real transmission-daemon. */
class TransmissionDownloadPortTest extends DownloadPortContract {

  @Override
  protected Downloader start(SeedingGoals goals) throws Exception {
    TransmissionDaemon daemon = TransmissionDaemon.start();
    TransmissionDownloadActivities activities =
        new TransmissionDownloadActivities(
            Map.of(CLIENT, new TransmissionClient(http, daemon.settings(CLIENT, goals))),
            http,
            LinkCredentials.none());
    activities.withCaller(caller::get);
    return new Downloader(activities, daemon.peerPort(), daemon.downloadDir(), daemon);
  }
}
