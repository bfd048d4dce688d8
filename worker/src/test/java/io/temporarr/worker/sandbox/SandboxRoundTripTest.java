package io.temporarr.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.jellyfin.JellyfinClient;
import io.temporarr.activities.jellyfin.JellyfinSettings;
import io.temporarr.activities.notify.NtfyNotifier;
import io.temporarr.activities.notify.NtfySettings;
import io.temporarr.activities.processing.MediaVerifier;
import io.temporarr.activities.processing.VerificationSettings;
import io.temporarr.activities.qbittorrent.QbittorrentClient;
import io.temporarr.activities.qbittorrent.QbittorrentDownloadActivities;
import io.temporarr.activities.qbittorrent.QbittorrentSettings;
import io.temporarr.activities.torznab.TorznabClient;
import io.temporarr.activities.torznab.TorznabIndexer;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.download.AddDownloadRequest;
import io.temporarr.workflows.download.DownloadChanges;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.download.DownloadState;
import io.temporarr.workflows.download.DownloadStatus;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import io.temporarr.workflows.search.Release;
import io.temporarr.workflows.search.SearchQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Temporarr's own HTTP clients (activities module) against the sandbox on a real web server: the
 * proof that the simulators speak the protocols well enough for the embedded default to work.
 */
@Timeout(60)
class SandboxRoundTripTest {

  private static final String WORKFLOW = "media-request:sandbox:1";

  @TempDir static Path downloads;
  private static ServletWebServerApplicationContext context;
  private static HttpUrl base;
  private final OkHttpClient http = HttpClients.create();

  @SpringBootConfiguration
  @ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    ValidationAutoConfiguration.class,
    MultipartAutoConfiguration.class
  })
  @Import(SandboxConfiguration.class)
  static class SandboxOnlyApp {}

  @BeforeAll
  static void startSandbox() {
    context =
        (ServletWebServerApplicationContext)
            // Arguments, not default properties: application.yml's server.port would win over
            // those.
            new SpringApplicationBuilder(SandboxOnlyApp.class)
                .run(
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--temporarr.sandbox.enabled=true",
                    "--temporarr.sandbox.download-duration=1s",
                    "--temporarr.sandbox.simulated-probe=always",
                    "--temporarr.sandbox.downloads-dir=" + downloads);
    base = HttpUrl.get("http://127.0.0.1:" + context.getWebServer().getPort());
  }

  @AfterAll
  static void stopSandbox() {
    context.close();
  }

  @Test
  void searchDownloadProbeAndRemoveWithTheRealClients() {
    TorznabClient indexer =
        new TorznabClient(
            http, TorznabIndexer.torrent("sandbox", base.resolve("/sandbox/torznab/api"), "k", 0));
    List<Release> releases =
        indexer.search(
            new SearchQuery(
                WORKFLOW, MediaType.MOVIE, "Heat", 1995, 949, null, null, null, List.of()));
    assertThat(releases).hasSize(3).allSatisfy(r -> assertThat(r.infoHash()).hasSize(40));
    assertThat(releases).extracting(Release::quality).containsExactly("1080p", "2160p", "720p");

    QbittorrentClient qbittorrent = sandboxQbittorrent();
    QbittorrentDownloadActivities downloads =
        new QbittorrentDownloadActivities(Map.of("sandbox", qbittorrent), http)
            .withCaller(() -> WORKFLOW);
    DownloadHandle handle =
        downloads.addDownload(new AddDownloadRequest(WORKFLOW, "sandbox", releases.get(0)));
    assertThat(handle.id()).isEqualTo(releases.get(0).infoHash());
    DownloadChanges first = downloads.pollDownloads("sandbox", 0);
    assertThat(first.changed()).extracting(DownloadStatus::workflowId).containsExactly(WORKFLOW);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> downloads.downloadStatus(handle).state() == DownloadState.COMPLETED);
    DownloadStatus done = downloads.downloadStatus(handle);
    assertThat(done.progress()).isEqualTo(1.0);
    Path video = Path.of(done.contentPath());
    assertThat(video).isRegularFile();
    MediaVerifier verifier = new MediaVerifier(VerificationSettings.defaults());
    assertThat(
            verifier.rejectionReason(context.getBean(SandboxMediaProber.class).probe(video), 100))
        .isEmpty();

    downloads.removeDownload(handle, true);
    assertThat(video.getParent()).doesNotExist();
    assertThat(qbittorrent.info(List.of(handle.id()))).isEmpty();
  }

  @Test
  void twoRequestsShareOneTorrentUntilBothReleasedIt() throws Exception {
    String other = "media-request:radarr:2";
    QbittorrentClient qbittorrent = sandboxQbittorrent();
    QbittorrentDownloadActivities first =
        new QbittorrentDownloadActivities(Map.of("sandbox", qbittorrent), http)
            .withCaller(() -> WORKFLOW);
    QbittorrentDownloadActivities second =
        new QbittorrentDownloadActivities(Map.of("sandbox", qbittorrent), http)
            .withCaller(() -> other);
    TorznabClient indexer =
        new TorznabClient(
            http, TorznabIndexer.torrent("sandbox", base.resolve("/sandbox/torznab/api"), "k", 0));
    Release release =
        indexer
            .search(
                new SearchQuery(
                    WORKFLOW, MediaType.MOVIE, "Alien", 1979, 348, null, null, null, List.of()))
            .get(0);

    for (int round = 0; round < 3; round++) {
      // Added at the same moment: one of the adds finds the torrent there already.
      Future<DownloadHandle> racing =
          CompletableFuture.supplyAsync(
              () -> second.addDownload(new AddDownloadRequest(other, "sandbox", release)));
      DownloadHandle handle =
          first.addDownload(new AddDownloadRequest(WORKFLOW, "sandbox", release));
      assertThat(racing.get(20, TimeUnit.SECONDS)).isEqualTo(handle);
      assertThat(qbittorrent.info(List.of(handle.id())))
          .singleElement()
          .satisfies(t -> assertThat(t.tags()).contains(WORKFLOW, other));
      assertThat(first.pollDownloads("sandbox", 0).changed())
          .filteredOn(status -> status.id().equals(handle.id()))
          .extracting(DownloadStatus::workflowId)
          .containsExactlyInAnyOrder(WORKFLOW, other);

      // Both give it up at the same moment: the later of the two reads deletes it.
      Future<?> releasing = CompletableFuture.runAsync(() -> second.removeDownload(handle, true));
      first.removeDownload(handle, true);
      releasing.get(20, TimeUnit.SECONDS);

      assertThat(qbittorrent.info(List.of(handle.id()))).isEmpty();
    }
  }

  @Test
  void jellyfinAndNtfyClientsAreHeard() {
    new JellyfinClient(
            http, new JellyfinSettings(base.resolve("/sandbox/jellyfin/"), "token", null))
        .refresh("/library/Movies/Heat (1995)");
    new NtfyNotifier(
            http, NtfySettings.anonymous("ntfy", base.resolve("/sandbox/ntfy/"), "temporarr"))
        .send(
            new Notification(
                "k1", RequestEvent.COMPLETED, WORKFLOW, "Heat (1995) is available", "Enjoy", "c1"));

    assertThat(context.getBean(SandboxMediaServer.class).updates())
        .extracting(SandboxMediaServer.LibraryUpdate::path)
        .contains("/library/Movies/Heat (1995)");
    assertThat(context.getBean(SandboxNotificationSink.class).notifications())
        .extracting(SandboxNotificationSink.ReceivedNotification::title)
        .contains("Heat (1995) is available");
  }

  /** A qBittorrent client of the sandbox's simulated qBittorrent. */
  private QbittorrentClient sandboxQbittorrent() {
    return new QbittorrentClient(
        http,
        new QbittorrentSettings(
            "sandbox",
            base.resolve("/sandbox/qbittorrent/"),
            "admin",
            "any",
            null,
            "movies",
            null));
  }
}
