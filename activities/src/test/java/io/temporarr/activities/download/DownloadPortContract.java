package io.temporarr.activities.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentNox;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.activities.testing.Releases;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadActivities;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.search.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every torrent client behind {@link DownloadActivities} must do, checked against the real
 * client: a subclass starts one (qbittorrent-nox, transmission-daemon) and the tests drive it only
 * through the port. Content comes from a second, real qbittorrent-nox that seeds a file made by
 * ffmpeg and mktorrent and connects to the client under test ({@code addPeers}); no tracker, DHT or
 * LSD is involved.
 *
 * <p>Removing and retiring act for the request in {@link #caller}: a subclass hands it to the
 * implementation ({@code withCaller(caller::get)}), as the worker's activity context would.
 */
@Tag("real-stack")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class DownloadPortContract {

  protected static final String CLIENT = "under-test";
  private static final String WORKFLOW = "media-request:seerr:4242";
  private static final String OTHER_WORKFLOW = "media-request:radarr:77";
  private static final Duration PEER_RETRY = Duration.ofSeconds(5);

  protected final OkHttpClient http = HttpClients.create();

  /** The request the implementation's calls act for. */
  protected final AtomicReference<String> caller = new AtomicReference<>(WORKFLOW);

  @TempDir Path work;

  /**
   * A running client under test, reached through the port.
   *
   * @param activities the port implementation serving {@link #CLIENT}
   * @param peerPort the BitTorrent port the seeder connects to on 127.0.0.1
   * @param downloadDir where the client saves downloads, as seen from this machine
   * @param process stops the client
   */
  public record Downloader(
      DownloadActivities activities, int peerPort, Path downloadDir, AutoCloseable process)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.close();
    }
  }

  /** Starts a fresh client with these seeding goals. */
  protected abstract Downloader start(SeedingGoals goals) throws Exception;

  @Test
  void aReleaseDownloadsToCompletionAndIsRemovedOnlyOnceImportedAndItsGoalMet() throws Exception {
    TorrentPayload payload = TorrentPayload.video(work, "Sample.Movie.2024", 5);
    String hash = payload.infoHash();
    // Ratio 0: met as soon as the download is imported, so removal is decided by the mark alone.
    SeedingGoals goals = new SeedingGoals(0.0, null, true);
    try (QbittorrentNox seeder = QbittorrentNox.start();
        Downloader downloader = start(goals);
        MockWebServer indexer = new MockWebServer()) {
      QbittorrentClient seederClient = seeder.seed(payload);
      indexer.start();
      for (int i = 0; i < 2; i++) {
        indexer.enqueue(
            new MockResponse.Builder()
                .setHeader("Content-Type", "application/x-bittorrent")
                .body(new Buffer().write(payload.torrentBytes()))
                .build());
      }
      DownloadActivities activities = downloader.activities();
      AddDownloadRequest request =
          new AddDownloadRequest(
              WORKFLOW,
              CLIENT,
              Releases.torrent(indexer.url("/api/v1/indexer/1/download").toString(), null));

      DownloadHandle handle = activities.addDownload(request);

      assertThat(handle).isEqualTo(new DownloadHandle(CLIENT, hash, payload.name()));
      AtomicLong cursor = new AtomicLong();
      AtomicLong peersAddedAt = new AtomicLong(System.nanoTime() - PEER_RETRY.toNanos());
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                DownloadChanges changes = activities.pollDownloads(CLIENT, cursor.get());
                cursor.set(changes.cursor());
                boolean finished =
                    changes.changed().stream().anyMatch(s -> s.id().equals(hash) && s.finished());
                if (!finished && System.nanoTime() - peersAddedAt.get() >= PEER_RETRY.toNanos()) {
                  // Repeated until the client has the torrent past its check and accepts peers;
                  // not every poll: Transmission drops a peer that keeps connecting again.
                  seederClient.addPeers(
                      List.of(hash), List.of("127.0.0.1:" + downloader.peerPort()));
                  peersAddedAt.set(System.nanoTime());
                }
                return finished;
              });

      DownloadStatus status = activities.downloadStatus(handle);
      Path folder = downloader.downloadDir().resolve(payload.name());
      Path downloaded = folder.resolve(payload.mainFile().getFileName());
      assertThat(status.state()).isEqualTo(DownloadState.COMPLETED);
      assertThat(status.workflowId()).isEqualTo(WORKFLOW);
      assertThat(status.progress()).isEqualTo(1.0);
      assertThat(status.amountLeft()).isZero();
      assertThat(Path.of(status.contentPath())).startsWith(folder);
      assertThat(downloaded).hasSameBinaryContentAs(payload.mainFile());
      // Adding the same release again finds it instead of adding it twice.
      assertThat(activities.addDownload(request)).isEqualTo(handle);
      // Its goal is met, but it was never imported: it stays.
      assertThat(activities.removeSeeded(CLIENT)).isEmpty();
      assertThat(activities.downloadStatus(handle).state()).isEqualTo(DownloadState.COMPLETED);

      activities.retireDownload(handle);
      activities.retireDownload(handle);

      assertThat(activities.downloadStatus(handle).state()).isEqualTo(DownloadState.COMPLETED);
      assertThat(activities.removeSeeded(CLIENT)).containsExactly(hash);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activities.downloadStatus(handle).state() == DownloadState.MISSING);
      await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(downloaded));
      assertThat(activities.removeSeeded(CLIENT)).isEmpty();
      // Removing what is gone already is fine.
      activities.removeDownload(handle, true);
    }
  }

  @Test
  void aMagnetWithoutPeersWaitsUnfinishedIsPolledAndRemoved() throws Exception {
    String hash = "0123456789abcdef0123456789abcdef01234567";
    try (Downloader downloader = start(SeedingGoals.KEEP)) {
      DownloadActivities activities = downloader.activities();

      DownloadHandle handle =
          activities.addDownload(
              new AddDownloadRequest(
                  WORKFLOW,
                  CLIENT,
                  Releases.torrent("magnet:?xt=urn:btih:" + hash + "&dn=Nobody.Seeds", null)));

      assertThat(handle.id()).isEqualTo(hash);
      DownloadStatus status = activities.downloadStatus(handle);
      assertThat(status.workflowId()).isEqualTo(WORKFLOW);
      assertThat(status.state()).isNotIn(DownloadState.COMPLETED, DownloadState.MISSING);
      assertThat(status.progress()).isZero();
      DownloadChanges first = activities.pollDownloads(CLIENT, 0);
      assertThat(first.changed()).extracting(DownloadStatus::id).contains(hash);
      // Without goals retiring keeps the download.
      activities.retireDownload(handle);
      assertThat(activities.removeSeeded(CLIENT)).isEmpty();
      assertThat(activities.downloadStatus(handle).state()).isNotEqualTo(DownloadState.MISSING);

      activities.removeDownload(handle, true);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activities.downloadStatus(handle).state() == DownloadState.MISSING);
      DownloadChanges after = activities.pollDownloads(CLIENT, first.cursor());
      assertThat(after.removed()).contains(hash);
      assertThat(after.changed()).extracting(DownloadStatus::id).doesNotContain(hash);
    }
  }

  @Test
  void aTorrentTwoRequestsShareLivesUntilTheLastOneReleasesIt() throws Exception {
    String hash = "89abcdef0123456789abcdef0123456789abcdef";
    Release pack = Releases.torrent("magnet:?xt=urn:btih:" + hash + "&dn=Shared.Pack", null);
    try (Downloader downloader = start(new SeedingGoals(null, null, true))) {
      DownloadActivities activities = downloader.activities();

      DownloadHandle first = activities.addDownload(new AddDownloadRequest(WORKFLOW, CLIENT, pack));
      DownloadHandle second =
          activities.addDownload(new AddDownloadRequest(OTHER_WORKFLOW, CLIENT, pack));

      assertThat(second).isEqualTo(first);
      DownloadChanges polled = activities.pollDownloads(CLIENT, 0);
      assertThat(polled.changed())
          .filteredOn(status -> status.id().equals(hash))
          .extracting(DownloadStatus::workflowId)
          .containsExactlyInAnyOrder(WORKFLOW, OTHER_WORKFLOW);
      caller.set(OTHER_WORKFLOW);
      assertThat(activities.downloadStatus(second).workflowId()).isEqualTo(OTHER_WORKFLOW);

      // The first request is cancelled: the torrent stays for the second.
      caller.set(WORKFLOW);
      activities.removeDownload(first, true);

      caller.set(OTHER_WORKFLOW);
      DownloadStatus kept = activities.downloadStatus(second);
      assertThat(kept.state()).isNotEqualTo(DownloadState.MISSING);
      assertThat(kept.workflowId()).isEqualTo(OTHER_WORKFLOW);
      assertThat(activities.pollDownloads(CLIENT, 0).changed())
          .filteredOn(status -> status.id().equals(hash))
          .extracting(DownloadStatus::workflowId)
          .containsExactly(OTHER_WORKFLOW);

      // The second one imported it: with removal at import, the last owner deletes it.
      activities.retireDownload(second);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activities.downloadStatus(second).state() == DownloadState.MISSING);
    }
  }

  @Test
  void aSharedTorrentSeedsForItsGoalOnlyOnceNoRequestWantsItAnyMore() throws Exception {
    String hash = "fedcba9876543210fedcba9876543210fedcba98";
    Release pack = Releases.torrent("magnet:?xt=urn:btih:" + hash + "&dn=Seeded.Pack", null);
    // Ratio 0: met at once, so removal is decided by the mark and the request tags alone.
    try (Downloader downloader = start(new SeedingGoals(0.0, null, true))) {
      DownloadActivities activities = downloader.activities();
      DownloadHandle handle =
          activities.addDownload(new AddDownloadRequest(WORKFLOW, CLIENT, pack));
      activities.addDownload(new AddDownloadRequest(OTHER_WORKFLOW, CLIENT, pack));

      activities.retireDownload(handle);

      // Imported by the first request, still wanted by the second.
      assertThat(activities.removeSeeded(CLIENT)).isEmpty();
      caller.set(OTHER_WORKFLOW);
      assertThat(activities.downloadStatus(handle).workflowId()).isEqualTo(OTHER_WORKFLOW);

      // The second request is cancelled: the torrent now seeds for the first one's import.
      activities.removeDownload(handle, true);

      assertThat(activities.downloadStatus(handle).state()).isNotEqualTo(DownloadState.MISSING);
      assertThat(activities.downloadStatus(handle).workflowId()).isNull();
      assertThat(activities.removeSeeded(CLIENT)).containsExactly(hash);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> activities.downloadStatus(handle).state() == DownloadState.MISSING);
    }
  }
}
