package io.temporarr.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.worker.TemporarrWorkerApplication;
import io.temporarr.worker.integrations.DownloadClientProperties;
import io.temporarr.worker.integrations.IntegrationProperties;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The worker settings of docker-compose.yml's {@code media} profile are real worker keys: the
 * environment a replica gets from deploy/compose/media.env plus the secrets compose passes through
 * starts the worker with the profile's Prowlarr, qBittorrent and Jellyfin instead of the sandbox.
 */
@Timeout(120)
class ComposeMediaSettingsTest {

  private static final Path ROOT = Path.of("..");

  @TempDir Path folder;

  @Test
  @SuppressWarnings("unchecked")
  void theMediaEnvFileAndPassedThroughSecretsConfigureTheWorkerForTheProfilesServices()
      throws IOException {
    Map<String, Object> environment = envFile(ROOT.resolve("deploy/compose/media.env"));
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    Map<String, Object> worker =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("worker");
    // Keys without a value: compose passes them through from the operator's environment.
    ((Map<String, Object>) worker.get("environment"))
        .forEach((key, value) -> environment.put(key, value == null ? "secret-of-" + key : value));

    StandardEnvironment env = new StandardEnvironment();
    // Named like the process environment, so Spring maps its names as it maps real variables.
    env.getPropertySources()
        .addFirst(new SystemEnvironmentPropertySource("compose-systemEnvironment", environment));
    SpringApplication application = new SpringApplication(TemporarrWorkerApplication.class);
    application.setEnvironment(env);
    try (ConfigurableApplicationContext app =
        application.run(
            // Only what cannot work on this machine: where Temporal and the /data volume are.
            "--spring.temporal.connection.target=127.0.0.1:" + freePort(),
            "--server.port=" + freePort(),
            "--temporarr.processing.library.movies=" + folder.resolve("movies"),
            "--temporarr.processing.library.tv=" + folder.resolve("tv"))) {
      IntegrationProperties settings = app.getBean(IntegrationProperties.class);

      assertThat(app.getEnvironment().getActiveProfiles()).containsExactly("prod");
      assertThat(settings.indexers()).containsOnlyKeys("prowlarr");
      assertThat(settings.indexers().get("prowlarr").url().toString())
          .isEqualTo("http://prowlarr:9696/1/api");
      assertThat(settings.indexers().get("prowlarr").apiKey().value())
          .isEqualTo("secret-of-TEMPORARR_INDEXERS_PROWLARR_APIKEY");
      assertThat(settings.downloadClients()).containsOnlyKeys("qbittorrent");
      DownloadClientProperties qbittorrent = settings.downloadClients().get("qbittorrent");
      assertThat(qbittorrent.baseUrl().toString()).isEqualTo("http://qbittorrent:8080/");
      assertThat(qbittorrent.username()).isEqualTo("admin");
      assertThat(qbittorrent.password().value())
          .isEqualTo("secret-of-TEMPORARR_DOWNLOADCLIENTS_QBITTORRENT_PASSWORD");
      assertThat(qbittorrent.savePath()).isEqualTo("/data/downloads");
      assertThat(qbittorrent.pollInterval()).isEqualTo(Duration.ofSeconds(15));
      assertThat(settings.jellyfin().url().toString()).isEqualTo("http://jellyfin:8096/");
      assertThat(settings.jellyfin().apiKey().value())
          .isEqualTo("secret-of-TEMPORARR_JELLYFIN_APIKEY");
      assertThat(settings.processing().ffprobePath()).isEqualTo("/usr/bin/ffprobe");
      assertThat(env.getProperty("temporarr.processing.library.movies", String.class, "unset"))
          .as("media.env's library key (overridden here) is the worker's")
          .isEqualTo(folder.resolve("movies").toString());
      assertThat(
              new SystemEnvironmentPropertySource("mediaEnv", environment)
                  .getProperty("temporarr.processing.library.movies"))
          .isEqualTo("/data/movies");
      assertThat(env.getProperty("temporarr.temporal.mode")).isEqualTo("external");
    }
  }

  /** KEY=VALUE lines, as docker-compose reads an env_file (no quoting, # comments). */
  private static Map<String, Object> envFile(Path file) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      values.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return values;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
