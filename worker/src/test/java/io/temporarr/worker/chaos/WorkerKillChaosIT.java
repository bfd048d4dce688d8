package io.temporarr.worker.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentNox;
import io.temporarr.activities.qbittorrent.TorrentInfo;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.activities.torznab.TorznabFixtureServer;
import io.temporarr.activities.torznab.TorznabFixtureServer.FixtureItem;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos scenario 1: the packaged worker, configured against real services only (real
 * qbittorrent-nox fed by a Torznab fixture and a local seeder, real ffprobe, a hardlink import, a
 * webhook notification sink), is {@code kill -9}ed at random moments across {@code
 * -Dchaos.requests} requests (default 5) and restarted each time. Every request completes; the
 * download client holds exactly one torrent per request; each request's completion event is
 * notified under exactly one idempotency key.
 *
 * <p>Each request gets its own small video, so its own torrent. The indexer fixture answers every
 * query with the one release being requested: the next request starts once the previous one has
 * registered its download.
 */
@Tag("chaos")
// 200 requests with a kill every 3–12 s took over 40 min on a loaded 2-core machine; every wait
// inside is bounded too.
@Timeout(value = 90, unit = TimeUnit.MINUTES)
class WorkerKillChaosIT {
  private static final int REQUESTS = Integer.getInteger("chaos.requests", 5);
  private static final long SEED = Long.getLong("chaos.seed", System.nanoTime());
  private static final String API_KEY = "chaos-key";

  private final OkHttpClient http = HttpClients.create();

  /** infohash → "127.0.0.1:<seeder listen port>": introduced to the downloader (no tracker/DHT). */
  private final Map<String, String> peers = new ConcurrentHashMap<>();

  @Test
  void everyRequestCompletesOnceAcrossRandomWorkerKills() throws Exception {
    Random random = new Random(SEED);
    Path work = Files.createTempDirectory("temporarr-chaos-kill-");
    ScheduledExecutorService introducer = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean done = new AtomicBoolean();
    // Set when the test ends, however it ends: the killer must not start a worker after that.
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicInteger kills = new AtomicInteger();
    try (QbittorrentNox downloader = QbittorrentNox.start();
        QbittorrentNox seeder = QbittorrentNox.start();
        TorznabFixtureServer indexer = TorznabFixtureServer.start(API_KEY)) {
      // qBittorrent queues beyond 3 active downloads or uploads: with more requests than that the
      // seeder would leave some torrents queued and their requests would stall for no fault of
      // ours.
      disableQueueing(downloader);
      disableQueueing(seeder);
      QbittorrentClient downloaderApi =
          new QbittorrentClient(http, downloader.settings("qbittorrent", "temporarr"));
      QbittorrentClient seederApi = new QbittorrentClient(http, seeder.settings("seeder", "seed"));
      List<TorrentPayload> payloads = new ArrayList<>();
      for (int i = 1; i <= REQUESTS; i++) {
        TorrentPayload payload =
            TorrentPayload.video(work.resolve("p" + i), "Chaos.Kill.Movie." + i + ".2024.1080p", 2);
        payload.copyContentTo(seeder.savePath());
        seederApi.addTorrentFile(
            payload.infoHash() + ".torrent", payload.torrentBytes(), List.of());
        peers.put(payload.infoHash(), "127.0.0.1:" + seeder.listenPort());
        payloads.add(payload);
      }
      // The seeder checks its torrents one at a time: allow 2 s per torrent on a loaded machine.
      await()
          .atMost(Duration.ofMinutes(2).plusSeconds(2L * REQUESTS))
          .until(
              () ->
                  seederApi.info(List.copyOf(peers.keySet())).stream()
                          .filter(t -> t.progress() >= 1.0)
                          .count()
                      == REQUESTS);
      introducer.scheduleWithFixedDelay(
          () -> introducePeers(downloaderApi), 500, 500, TimeUnit.MILLISECONDS);

      try (ChaosStack stack =
          ChaosStack.start("worker-kill", workerArgs(work, downloader, indexer), Map.of())) {
        WorkflowClient client = stack.client();
        // Kills the worker at random moments (3–12 s apart) until every request has started and
        // at least two kills happened, then leaves it running so the last requests finish.
        CompletableFuture<Void> killer =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    while (!stopped.get() && (!done.get() || kills.get() < 2)) {
                      int pause = 3 + random.nextInt(10);
                      await()
                          .pollDelay(Duration.ofSeconds(pause))
                          .atMost(Duration.ofSeconds(pause + 1))
                          .until(() -> true);
                      assertThat(stack.worker().kill9()).isEqualTo(137);
                      kills.incrementAndGet();
                      stack.startWorker();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= REQUESTS; i++) {
          TorrentPayload payload = payloads.get(i - 1);
          indexer.serve(
              List.of(
                  FixtureItem.ofTorrentFile(
                      "Chaos.Kill.Movie." + i + ".2024.1080p.WEB-DL", payload.torrentBytes(), 9)));
          String id = WorkflowIds.mediaRequest("seerr", "kill-" + i);
          ids.add(id);
          WorkflowClient.start(
              stack.newRequest(id)::run,
              MediaRequestInput.movie(
                  "seerr", "kill-" + i, "Chaos Kill Movie " + i, 2024, 5000 + i));
          MediaRequestWorkflow typed = client.newWorkflowStub(MediaRequestWorkflow.class, id);
          await()
              .atMost(Duration.ofMinutes(5))
              .pollInterval(Duration.ofSeconds(1))
              .ignoreExceptions()
              .until(() -> typed.status().download() != null);
        }
        done.set(true);
        killer.get(10, TimeUnit.MINUTES);

        Map<String, RequestState> outcomes = stack.outcomes(ids, Duration.ofMinutes(10));
        List<String> notCompleted = ChaosStack.otherThan(outcomes, Set.of(RequestState.COMPLETED));
        int completed = ids.size() - notCompleted.size();
        // Every torrent the client holds (a full sync), whatever its category or tags.
        Set<String> heldHashes = new HashSet<>(downloaderApi.syncMainData(0).torrents().keySet());
        Set<String> expectedHashes = new HashSet<>(peers.keySet());
        Set<String> missingTorrents = new HashSet<>(expectedHashes);
        missingTorrents.removeAll(heldHashes);
        var keys = stack.keysPerEvent();
        long lost = ids.stream().filter(id -> !keys.containsKey(id + " request.completed")).count();
        Set<String> extraTorrents = new HashSet<>(heldHashes);
        extraTorrents.removeAll(expectedHashes);
        long duplicates =
            keys.values().stream().filter(k -> k.size() > 1).count() + extraTorrents.size();
        System.out.printf(
            "chaos 1 (worker kill -9 x%d, real qBittorrent/ffprobe/import): sent=%d"
                + " acknowledged=%d workflows=%d completed=%d torrents=%d duplicates=%d lost=%d"
                + " notification-redeliveries=%d seed=%d%n",
            kills.get(),
            REQUESTS,
            ids.size(),
            ids.size(),
            completed,
            heldHashes.size(),
            duplicates,
            lost + missingTorrents.size(),
            stack.redeliveries(),
            SEED);
        assertThat(kills.get()).as("worker kills").isGreaterThanOrEqualTo(2);
        assertThat(notCompleted).as("requests that did not complete").isEmpty();
        assertThat(heldHashes).as("one torrent per request").isEqualTo(expectedHashes);
        assertThat(lost).as("completed without a completion notification").isZero();
        assertThat(duplicates).as("events notified under two keys").isZero();
      }
    } finally {
      stopped.set(true);
      introducer.shutdownNow();
    }
  }

  private static List<String> workerArgs(
      Path work, QbittorrentNox downloader, TorznabFixtureServer indexer) {
    // Verify, import and library refresh run on their production timeouts: they heartbeat, so an
    // attempt a killed worker left Started is retried after the 30 s heartbeat timeout.
    return ChaosStack.realServiceArgs(work, indexer.apiUrl(), API_KEY, downloader.baseUrl());
  }

  private void disableQueueing(QbittorrentNox instance) throws IOException {
    HttpUrl url =
        instance.baseUrl().newBuilder().addPathSegments("api/v2/app/setPreferences").build();
    RequestBody body = new FormBody.Builder().add("json", "{\"queueing_enabled\":false}").build();
    try (Response response =
        http.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
      assertThat(response.code()).as("setPreferences").isEqualTo(200);
    }
  }

  private void introducePeers(QbittorrentClient downloaderApi) {
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
}
