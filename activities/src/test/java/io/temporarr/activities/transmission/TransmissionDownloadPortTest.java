package io.temporarr.activities.transmission;

import io.temporarr.activities.download.DownloadPortContract;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.LinkCredentials;
import io.temporarr.workflows.download.DownloadActivities;
import java.nio.file.Path;
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
    return new Downloader() {
      @Override
      public DownloadActivities activities() {
        return activities;
      }

      @Override
      public int peerPort() {
        return daemon.peerPort();
      }

      @Override
      public Path downloadDir() {
        return daemon.downloadDir();
      }

      @Override
      public void close() throws Exception {
        daemon.close();
      }
    };
  }
}
