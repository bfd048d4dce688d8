package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentNox;
import io.temporarr.activities.qbittorrent.TorrentInfo;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Two real qbittorrent-nox on loopback: a downloader (the worker's download client) and a seeder
 * that holds each payload complete. There is no tracker and no DHT: every half second the seeder is
 * introduced to the downloader for each torrent the downloader has not finished. Queueing is off on
 * both (qBittorrent queues beyond 3 active downloads or uploads, and a queued torrent would stall
 * its request for no fault of the scenario's). Closing it stops both.
 */
final class LocalSwarm implements AutoCloseable {

  final QbittorrentNox downloader;
  final QbittorrentNox seeder;
  private final OkHttpClient http;
  private final QbittorrentClient downloaderApi;
  private final QbittorrentClient seederApi;

  /** infohash → "127.0.0.1:<seeder listen port>". */
  private final Map<String, String> peers = new ConcurrentHashMap<>();

  private final ScheduledExecutorService introducer = Executors.newSingleThreadScheduledExecutor();

  private LocalSwarm(OkHttpClient http, QbittorrentNox downloader, QbittorrentNox seeder) {
    this.http = http;
    this.downloader = downloader;
    this.seeder = seeder;
    this.downloaderApi =
        new QbittorrentClient(http, downloader.settings("qbittorrent", "temporarr"));
    this.seederApi = new QbittorrentClient(http, seeder.settings("seeder", "seed"));
  }

  /**
   * Starts both; {@code downloaderPreferences} are further qBittorrent preferences for the
   * downloader, as JSON members ({@code "key":value,…}), or empty.
   */
  static LocalSwarm start(OkHttpClient http, String downloaderPreferences)
      throws IOException, InterruptedException {
    QbittorrentNox downloader = QbittorrentNox.start();
    QbittorrentNox seeder = null;
    try {
      seeder = QbittorrentNox.start();
      LocalSwarm swarm = new LocalSwarm(http, downloader, seeder);
      String extra = downloaderPreferences.isBlank() ? "" : "," + downloaderPreferences;
      swarm.setPreferences(downloader, "{\"queueing_enabled\":false" + extra + "}");
      swarm.setPreferences(seeder, "{\"queueing_enabled\":false}");
      swarm.introducer.scheduleWithFixedDelay(
          swarm::introducePeers, 500, 500, TimeUnit.MILLISECONDS);
      return swarm;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      if (seeder != null) {
        seeder.close();
      }
      downloader.close();
      throw e;
    }
  }

  /** A small video torrent titled {@code title}, made in {@code dir} and seeded by the seeder. */
  TorrentPayload seed(Path dir, String title) throws IOException, InterruptedException {
    TorrentPayload payload = TorrentPayload.video(dir, title, 2);
    payload.copyContentTo(seeder.savePath());
    seederApi.addTorrentFile(payload.infoHash() + ".torrent", payload.torrentBytes(), List.of());
    peers.put(payload.infoHash(), "127.0.0.1:" + seeder.listenPort());
    return payload;
  }

  /** Waits until the seeder holds every seeded payload complete. */
  void awaitSeeding(Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () ->
                seederApi.info(List.copyOf(peers.keySet())).stream()
                        .filter(t -> t.progress() >= 1.0)
                        .count()
                    == peers.size());
  }

  private void setPreferences(QbittorrentNox instance, String json) throws IOException {
    HttpUrl url =
        instance.baseUrl().newBuilder().addPathSegments("api/v2/app/setPreferences").build();
    RequestBody body = new FormBody.Builder().add("json", json).build();
    try (Response response =
        http.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
      assertThat(response.code()).as("setPreferences").isEqualTo(200);
    }
  }

  private void introducePeers() {
    try {
      for (TorrentInfo t : downloaderApi.info(List.copyOf(peers.keySet()))) {
        if (t.progress() < 1.0) {
          downloaderApi.addPeers(List.of(t.hash()), List.of(peers.get(t.hash())));
        }
      }
    } catch (RuntimeException e) {
      // The downloader may be busy: try again on the next tick.
    }
  }

  @Override
  public void close() throws InterruptedException {
    introducer.shutdownNow();
    try {
      seeder.close();
    } finally {
      downloader.close();
    }
  }
}
