package io.temporarr.worker.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.download.DownloadClientRouter;
import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.library.MediaLibraryActivities;
import io.temporarr.activities.notify.RoutingNotificationActivities;
import io.temporarr.activities.processing.LocalProcessingActivities;
import io.temporarr.activities.torznab.TorznabSearchActivities;
import io.temporarr.worker.FailureReports;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.download.DownloadHandle;
import io.temporarr.workflows.search.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class IntegrationsConfigurationTest {

  private final ApplicationContextRunner applicationYml =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(IntegrationsConfiguration.class);

  @Test
  void plexBindsWithItsTokenHidden() {
    applicationYml
        .withPropertyValues(
            "temporarr.plex.url=http://plex:32400/", "temporarr.plex.token=plex-owner-token")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              IntegrationProperties properties = context.getBean(IntegrationProperties.class);
              assertThat(properties.plex().url().toString()).isEqualTo("http://plex:32400/");
              assertThat(properties.plex().token().value()).isEqualTo("plex-owner-token");
              assertThat(properties.toString()).doesNotContain("plex-owner-token");
            });
  }

  @Test
  void plexWithoutATokenStopsStartUpNamingTheKey() {
    applicationYml
        .withPropertyValues("temporarr.plex.url=http://plex:32400/")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.plex")
                  .contains("plex token is missing or malformed");
            });
  }

  @Test
  void plexIsOffByDefault() {
    applicationYml.run(
        context ->
            assertThat(context.getBean(IntegrationProperties.class).plex().configured()).isFalse());
  }

  @Test
  void aSabnzbdClientIsServedBySabnzbdActivities() {
    applicationYml
        .withPropertyValues(
            "temporarr.download-clients.sab.type=sabnzbd",
            "temporarr.download-clients.sab.base-url=http://127.0.0.1:8085/",
            "temporarr.download-clients.sab.api-key=0f8e3c2a9b7d4e6f",
            "temporarr.download-clients.sab.category=movies")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DownloadClientRouter router = context.getBean(DownloadClientRouter.class);
              // A blank id is answered without a call, in the words of the implementation.
              assertThat(router.downloadStatus(new DownloadHandle("sab", " ", "x")).message())
                  .isEqualTo("not listed by SABnzbd");
              assertThat(
                      router.downloadStatus(new DownloadHandle("qbittorrent", " ", "x")).message())
                  .isEqualTo("not listed by qBittorrent");
              assertThat(router.removeSeeded("sab")).isEmpty();
            });
  }

  @Test
  void aSabnzbdClientWithoutApiKeyStopsStartUpNamingTheKey() {
    applicationYml
        .withPropertyValues(
            "temporarr.download-clients.sab.type=sabnzbd",
            "temporarr.download-clients.sab.base-url=http://127.0.0.1:8085/")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.download-clients.sab")
                  .contains("needs an API key");
            });
  }

  @Test
  void theEmbeddedDefaultBuildsEveryActivityUnderItsRegisteredName() {
    applicationYml.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WorkerRegistration.SEARCH_ACTIVITIES))
              .isInstanceOf(TorznabSearchActivities.class);
          assertThat(context.getBean(WorkerRegistration.DOWNLOAD_ACTIVITIES))
              .isInstanceOf(DownloadClientRouter.class);
          assertThat(context.getBean(WorkerRegistration.PROCESSING_ACTIVITIES))
              .isInstanceOf(LocalProcessingActivities.class);
          assertThat(context.getBean(WorkerRegistration.NOTIFICATION_ACTIVITIES))
              .isInstanceOf(RoutingNotificationActivities.class);
          assertThat(context.getBean(WorkerRegistration.LIBRARY_ACTIVITIES))
              .isInstanceOf(MediaLibraryActivities.class);
        });
  }

  @Test
  void theEmbeddedDefaultPointsEveryServiceAtTheSandbox() {
    applicationYml.run(
        context -> {
          IntegrationProperties properties = context.getBean(IntegrationProperties.class);
          assertThat(properties.indexers()).containsOnlyKeys("sandbox");
          IndexerProperties indexer = properties.indexers().get("sandbox");
          assertThat(indexer.url().toString())
              .isEqualTo("http://127.0.0.1:8081/sandbox/torznab/api");
          assertThat(indexer.type()).isEqualTo(IndexerType.TORZNAB);
          assertThat(indexer.releaseProtocol()).isEqualTo(Protocol.TORRENT);
          assertThat(indexer.apiKey().value()).isEqualTo("sandbox-api-key");
          DownloadClientProperties qbittorrent = properties.downloadClients().get("qbittorrent");
          assertThat(qbittorrent.baseUrl().toString())
              .isEqualTo("http://127.0.0.1:8081/sandbox/qbittorrent");
          assertThat(qbittorrent.pollInterval()).isEqualTo(Duration.ofSeconds(2));
          assertThat(properties.notifiers()).containsOnlyKeys("ntfy", "webhook");
          assertThat(properties.notifiers().get("ntfy").type())
              .isEqualTo(NotifierProperties.Type.NTFY);
          assertThat(properties.notifiers().get("webhook").type())
              .isEqualTo(NotifierProperties.Type.WEBHOOK);
          assertThat(properties.jellyfin().url().toString())
              .isEqualTo("http://127.0.0.1:8081/sandbox/jellyfin");
          assertThat(properties.seerr().configured()).isFalse();
          assertThat(properties.processing().library().movies())
              .isEqualTo(
                  Path.of(
                      System.getProperty("java.io.tmpdir"),
                      "temporarr-sandbox",
                      "library",
                      "movies"));
          assertThat(properties.processing().naming().movieFolder())
              .isEqualTo("{Movie Title} ({Release Year})");
        });
  }

  @Test
  void environmentVariablesOverrideTheYaml() {
    Map<String, Object> environment =
        Map.of(
            "TEMPORARR_DOWNLOADCLIENTS_QBITTORRENT_POLLINTERVAL", "15s",
            "TEMPORARR_INDEXERS_SANDBOX_APIKEY", "from-env");
    applicationYml
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    // Named like the real one, so Spring maps TEMPORARR_… names as for real
                    // variables.
                    .addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
        .run(
            context -> {
              IntegrationProperties properties = context.getBean(IntegrationProperties.class);
              assertThat(properties.downloadClients().get("qbittorrent").pollInterval())
                  .isEqualTo(Duration.ofSeconds(15));
              assertThat(properties.indexers().get("sandbox").apiKey().value())
                  .isEqualTo("from-env");
              assertThat(properties.indexers().get("sandbox").url()).isNotNull();
            });
  }

  @Test
  void sizesAndReleaseCriteriaBind() {
    applicationYml
        .withPropertyValues("temporarr.release.min-size=500MB", "temporarr.release.max-size=40GB")
        .run(
            context -> {
              ReleaseProperties release = context.getBean(IntegrationProperties.class).release();
              assertThat(release.minSize()).isEqualTo(DataSize.ofMegabytes(500));
              assertThat(release.toCriteria().maxSizeBytes())
                  .isEqualTo(DataSize.ofGigabytes(40).toBytes());
              assertThat(release.toCriteria().allowedQualities())
                  .containsExactly("1080p", "2160p", "720p");
            });
  }

  @Test
  void secretsNeverPrint() {
    applicationYml
        .withPropertyValues("temporarr.download-clients.qbittorrent.password=hunter2")
        .run(
            context -> {
              IntegrationProperties properties = context.getBean(IntegrationProperties.class);
              assertThat(properties.toString())
                  .doesNotContain("hunter2", "sandbox-api-key", "sandbox-jellyfin-key")
                  .contains("***");
            });
  }

  @Test
  void malformedUrlStopsStartUpNamingTheKey() {
    applicationYml
        .withPropertyValues("temporarr.jellyfin.url=jellyfin:8096")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.jellyfin.url")
                  .contains("not an absolute http:// or https:// URL");
            });
  }

  @Test
  void aBlankUrlTurnsAnOptionalServiceOff() {
    applicationYml
        .withPropertyValues("temporarr.jellyfin.url=")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(IntegrationProperties.class).jellyfin().configured())
                  .isFalse();
            });
  }

  @Test
  void settingsTheActivitiesRejectNameTheirKey() {
    applicationYml
        .withPropertyValues("temporarr.notifiers.ntfy.topic=not a topic")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("Invalid Temporarr configuration: temporarr.notifiers.ntfy:")
                  .contains("topic must match")
                  .contains("Correct temporarr.notifiers.ntfy");
            });
  }

  @Test
  void missingLibraryRootsStopStartUp() {
    applicationYml
        .withPropertyValues("temporarr.processing.library.tv=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.processing.library.tv");
            });
  }

  @Test
  void aTransmissionClientIsDrivenWithItsOwnSeedingGoals() {
    // Port 9 (discard) refuses connections: any call the client makes fails as a network error.
    applicationYml
        .withPropertyValues(
            "temporarr.download-clients.keep.type=transmission",
            "temporarr.download-clients.keep.base-url=http://127.0.0.1:9/transmission/rpc",
            "temporarr.download-clients.private.type=transmission",
            "temporarr.download-clients.private.base-url=http://127.0.0.1:9/transmission/rpc",
            "temporarr.download-clients.private.username=temporarr",
            "temporarr.download-clients.private.password=hunter2",
            "temporarr.download-clients.private.seeding.ratio=1.5")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DownloadClientRouter router =
                  context.getBean(
                      WorkerRegistration.DOWNLOAD_ACTIVITIES, DownloadClientRouter.class);
              // No goals: nothing to look at, so no call.
              assertThat(router.removeSeeded("keep")).isEmpty();
              assertThatThrownBy(() -> router.removeSeeded("private"))
                  .isInstanceOfSatisfying(
                      ApplicationFailure.class,
                      failure -> {
                        assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
                        assertThat(failure.getOriginalMessage())
                            .startsWith("Transmission private:")
                            .doesNotContain("hunter2");
                      });
              DownloadClientProperties properties =
                  context.getBean(IntegrationProperties.class).downloadClients().get("private");
              assertThat(properties.toTransmissionSettings("private").seeding())
                  .isEqualTo(new SeedingGoals(1.5, null, true));
              assertThat(properties.toTransmissionSettings("private").password())
                  .isEqualTo("hunter2");
            });
  }

  @Test
  void qbittorrentSettingsCarryTheClientsSeedingGoals() {
    applicationYml
        .withPropertyValues(
            "temporarr.download-clients.qbittorrent.seeding.time=72h",
            "temporarr.download-clients.qbittorrent.seeding.remove-imported=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DownloadClientProperties qbittorrent =
                  context.getBean(IntegrationProperties.class).downloadClients().get("qbittorrent");
              assertThat(qbittorrent.toSettings("qbittorrent").seeding())
                  .isEqualTo(new SeedingGoals(null, Duration.ofHours(72), false));
            });
  }
}
