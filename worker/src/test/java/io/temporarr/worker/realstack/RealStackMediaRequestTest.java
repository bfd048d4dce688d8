package io.temporarr.worker.realstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentNox;
import io.temporarr.activities.qbittorrent.TorrentInfo;
import io.temporarr.activities.qbittorrent.TorrentPayload;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import io.temporarr.activities.torznab.TorznabFixtureServer;
import io.temporarr.activities.torznab.TorznabFixtureServer.FixtureItem;
import io.temporarr.worker.TemporarrWorkerApplication;
import io.temporarr.workflows.common.TaskQueues;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.MediaRequestResult;
import io.temporarr.workflows.request.MediaRequestWorkflow;
import io.temporarr.workflows.request.RequestState;
import io.temporarr.workflows.request.RequestStatus;
import io.temporarr.workflows.request.Transition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole worker against real components: the real {@code temporal} dev server, a Torznab fixture
 * serving real .torrent files, two real qbittorrent-nox instances per release (a downloader and
 * seeders joined by {@code addPeers} on loopback), real ffprobe and a real hardlink import; the
 * notifications land in a local sink. No sandbox simulator is involved.
 */
@Tag("real-stack")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RealStackMediaRequestTest {

  private static final String API_KEY = "real-stack-key";

  private Path work;
  private TemporalDevServer temporal;
  private QbittorrentNox downloader;
  private TorznabFixtureServer indexer;
  private HttpServer sink;
  private final List<String> notifications = new CopyOnWriteArrayList<>();
  private ConfigurableApplicationContext worker;
  private WorkflowClient client;
  private QbittorrentClient downloaderApi;
  private final OkHttpClient http = HttpClients.create();

  /** infohash → "127.0.0.1:<seeder listen port>": the peer the downloader is introduced to. */
  private final Map<String, String> peers = new ConcurrentHashMap<>();

  private final ScheduledExecutorService introducer = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  void startStack() throws Exception {
    work = Files.createTempDirectory("temporarr-real-stack-");
    temporal = TemporalDevServer.start(work.resolve("temporal"));
    downloader = QbittorrentNox.start();
    indexer = TorznabFixtureServer.start(API_KEY);
    sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String title = exchange.getRequestHeaders().getFirst("Title");
          notifications.add(exchange.getRequestURI().getPath() + " " + title + " " + body);
          boolean jellyfin = exchange.getRequestURI().getPath().startsWith("/jellyfin");
          exchange.sendResponseHeaders(jellyfin ? 204 : 200, -1);
          exchange.close();
        });
    sink.start();
    downloaderApi = new QbittorrentClient(http, downloader.settings("qbittorrent", "temporarr"));

    // No tracker and no DHT on loopback: whenever the downloader holds a torrent we know a seeder
    // for, introduce the seeder (what a tracker would do).
    introducer.scheduleWithFixedDelay(this::introducePeers, 500, 500, TimeUnit.MILLISECONDS);

    String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort();
    // Command-line arguments, not default properties: they must win over application.yml.
    Map<String, String> settings =
        Map.ofEntries(
            Map.entry("server.port", "0"),
            // Any profile but the default `sandbox`: no simulator, everything is set here.
            Map.entry("spring.profiles.active", "real-stack"),
            Map.entry("temporarr.temporal.mode", "external"),
            Map.entry("spring.temporal.connection.target", temporal.address()),
            Map.entry("temporarr.indexers.fixture.url", indexer.apiUrl().toString()),
            Map.entry("temporarr.indexers.fixture.api-key", API_KEY),
            Map.entry(
                "temporarr.download-clients.qbittorrent.base-url", downloader.baseUrl().toString()),
            Map.entry("temporarr.download-clients.qbittorrent.category", "temporarr"),
            Map.entry("temporarr.download-clients.qbittorrent.poll-interval", "1s"),
            Map.entry("temporarr.processing.ffprobe-path", Tools.require("ffprobe")),
            Map.entry(
                "temporarr.processing.library.movies", work.resolve("library/movies").toString()),
            Map.entry("temporarr.processing.library.tv", work.resolve("library/tv").toString()),
            Map.entry("temporarr.processing.library.create-missing", "true"),
            Map.entry("temporarr.notifiers.ntfy.type", "ntfy"),
            Map.entry("temporarr.notifiers.ntfy.url", sinkUrl + "/ntfy"),
            Map.entry("temporarr.notifiers.ntfy.topic", "temporarr"),
            Map.entry("temporarr.notifiers.webhook.type", "webhook"),
            Map.entry("temporarr.notifiers.webhook.url", sinkUrl + "/webhook"),
            Map.entry("temporarr.requests.notifiers", "ntfy,webhook"),
            Map.entry("temporarr.jellyfin.url", sinkUrl + "/jellyfin"),
            Map.entry("temporarr.jellyfin.api-key", "real-stack-jellyfin"),
            // Short enough for a test, long enough that a healthy loopback swarm never looks
            // stalled.
            Map.entry("temporarr.requests.stall-timeout", "12s"),
            Map.entry("temporarr.requests.research-interval", "5s"));
    worker =
        new SpringApplicationBuilder(TemporarrWorkerApplication.class)
            .run(
                settings.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    client = worker.getBean(WorkflowClient.class);
  }

  @AfterAll
  void stopStack() throws Exception {
    introducer.shutdownNow();
    if (worker != null) {
      worker.close();
    }
    for (AutoCloseable c : new AutoCloseable[] {indexer, downloader, temporal}) {
      if (c != null) {
        c.close();
      }
    }
    if (sink != null) {
      sink.stop(0);
    }
  }

  @Test
  void movieIsDownloadedVerifiedHardlinkedNotifiedAndListedAsCompleted() throws Exception {
    TorrentPayload good =
        TorrentPayload.video(work.resolve("good"), "Real.Stack.Movie.2024.1080p", 5);
    try (QbittorrentNox seeder = QbittorrentNox.start()) {
      seed(seeder, good);
      indexer.serve(
          List.of(
              FixtureItem.ofTorrentFile(
                  "Real.Stack.Movie.2024.1080p.WEB-DL", good.torrentBytes(), 7)));

      String workflowId = WorkflowIds.mediaRequest("seerr", "real-1");
      MediaRequestResult result =
          start(
              workflowId,
              MediaRequestInput.movie("seerr", "real-1", "Real Stack Movie", 2024, 4242));

      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);
      assertThat(result.importedFiles()).hasSize(1);
      Path imported = Path.of(result.importedFiles().get(0));
      assertThat(imported).exists();
      assertThat(imported.toString()).contains("Real Stack Movie (2024)");
      Path downloaded =
          downloader
              .savePath()
              .resolve(good.contentDir().getFileName())
              .resolve(good.mainFile().getFileName());
      assertThat(Files.isSameFile(imported, downloaded))
          .as("imported by hardlink: same inode as the downloaded file")
          .isTrue();
      assertThat(Files.mismatch(imported, good.mainFile())).isEqualTo(-1L);

      assertThat(notifications)
          .anySatisfy(n -> assertThat(n).startsWith("/ntfy/").contains("Real Stack Movie"))
          .anySatisfy(n -> assertThat(n).startsWith("/webhook").contains("request.completed"))
          .anySatisfy(n -> assertThat(n).startsWith("/jellyfin/Library/Media/Updated"));

      String listed =
          temporal.cli(
              "workflow",
              "list",
              "--query",
              "RequestState=\"Completed\" AND RequestSource=\"seerr\"");
      assertThat(listed).contains(workflowId);
    }
  }

  @Test
  void stalledReleaseIsBlocklistedRemovedAndTheNextOneCompletes() throws Exception {
    // The better-ranked release (more seeders) is a large file whose only seeder is throttled and
    // then killed: a real dead torrent. The second release is healthy.
    TorrentPayload dead =
        TorrentPayload.randomBytes(work.resolve("dead"), "Stall.Movie.2023.1080p", 40L << 20);
    TorrentPayload healthy =
        TorrentPayload.video(work.resolve("healthy"), "Stall.Movie.2023.1080p.PROPER", 5);
    QbittorrentNox doomed = QbittorrentNox.start();
    QbittorrentNox seeder = QbittorrentNox.start();
    try {
      doomed.setUploadLimit(200_000);
      seed(doomed, dead);
      seed(seeder, healthy);
      indexer.serve(
          List.of(
              FixtureItem.ofTorrentFile("Stall.Movie.2023.1080p.BluRay", dead.torrentBytes(), 90),
              FixtureItem.ofTorrentFile(
                  "Stall.Movie.2023.1080p.WEB-DL", healthy.torrentBytes(), 3)));

      String workflowId = WorkflowIds.mediaRequest("seerr", "real-2");
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
              .build();
      MediaRequestWorkflow stub = client.newWorkflowStub(MediaRequestWorkflow.class, options);
      WorkflowClient.start(
          stub::run, MediaRequestInput.movie("seerr", "real-2", "Stall Movie", 2023, 777));

      // Kill the only seeder once some bytes arrived: progress freezes for good.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> progressOf(dead.infoHash()) > 0.0);
      doomed.kill();

      MediaRequestResult result =
          client
              .newUntypedWorkflowStub(workflowId)
              .getResult(3, TimeUnit.MINUTES, MediaRequestResult.class);
      assertThat(result.state()).isEqualTo(RequestState.COMPLETED);

      RequestStatus status =
          client.newWorkflowStub(MediaRequestWorkflow.class, workflowId).status();
      assertThat(status.blocklist()).contains(dead.infoHash());
      assertThat(status.transitions()).extracting(Transition::cause).contains("stalled");
      assertThat(downloaderApi.info(List.of(dead.infoHash())))
          .as("the dead torrent was removed from the client")
          .isEmpty();
    } finally {
      doomed.close();
      seeder.close();
    }
  }

  private MediaRequestResult start(String workflowId, MediaRequestInput input) throws Exception {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.MEDIA_REQUESTS)
            .build();
    MediaRequestWorkflow stub = client.newWorkflowStub(MediaRequestWorkflow.class, options);
    WorkflowClient.start(stub::run, input);
    return client
        .newUntypedWorkflowStub(workflowId)
        .getResult(3, TimeUnit.MINUTES, MediaRequestResult.class);
  }

  /** Puts the content where the seeder expects it and adds the torrent, which it then seeds. */
  private void seed(QbittorrentNox instance, TorrentPayload payload) throws IOException {
    payload.copyContentTo(instance.savePath());
    QbittorrentClient api = new QbittorrentClient(http, instance.settings("seeder", "seed"));
    api.addTorrentFile(payload.infoHash() + ".torrent", payload.torrentBytes(), List.of());
    peers.put(payload.infoHash(), "127.0.0.1:" + instance.listenPort());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.info(List.of(payload.infoHash())).stream().anyMatch(t -> t.progress() >= 1.0));
  }

  private double progressOf(String hash) {
    return downloaderApi.info(List.of(hash)).stream()
        .mapToDouble(TorrentInfo::progress)
        .max()
        .orElse(0.0);
  }

  private void introducePeers() {
    try {
      List<String> hashes = List.copyOf(peers.keySet());
      for (TorrentInfo t : downloaderApi.info(hashes)) {
        if (t.progress() < 1.0) {
          downloaderApi.addPeers(List.of(t.hash()), List.of(peers.get(t.hash())));
        }
      }
    } catch (RuntimeException e) {
      // The downloader may be busy or the torrent just removed: try again on the next tick.
    }
  }
}
