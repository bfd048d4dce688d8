package io.temporarr.worker.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The sandbox: local simulators of an indexer, a download client, a media server and notification
 * receivers for the embedded default, never used against real services. Served by the worker's own
 * web server under {@code /sandbox}, and only when {@code temporarr.sandbox.enabled=true}; to
 * loopback clients only (403 for anyone else).
 *
 * <p>The endpoints are functional routes declared here rather than {@code @RestController}s, so
 * this one condition switches all of them: component scanning would register controllers whether
 * the sandbox is on or not.
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>Simulates</th><th>Point the worker at</th></tr>
 *   <tr><td>Prowlarr/Jackett (Torznab)</td><td>{@code /sandbox/torznab/api} (any API key)</td></tr>
 *   <tr><td>qBittorrent 4.5 WebUI API</td><td>{@code /sandbox/qbittorrent}</td></tr>
 *   <tr><td>Jellyfin</td><td>{@code /sandbox/jellyfin} (any token)</td></tr>
 *   <tr><td>ntfy / generic webhook</td><td>{@code /sandbox/ntfy}, {@code /sandbox/webhook}</td></tr>
 *   <tr><td>ffprobe (only without ffmpeg)</td><td>{@link SandboxMediaProber}</td></tr>
 * </table>
 *
 * What arrived is listed at {@code GET /sandbox/notifications} and {@code GET
 * /sandbox/library-updates}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "temporarr.sandbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

  @Bean
  SandboxIndexer sandboxIndexer(SandboxProperties properties) {
    return new SandboxIndexer(
        properties.apiKey(), properties.releasesPerSearch(), Clock.systemUTC());
  }

  @Bean
  SandboxDownloadClient sandboxDownloadClient(SandboxProperties properties) {
    return new SandboxDownloadClient(properties, Clock.systemUTC());
  }

  @Bean
  SandboxQbittorrentApi sandboxQbittorrentApi(
      SandboxDownloadClient client, SandboxProperties properties) {
    return new SandboxQbittorrentApi(client, properties.username(), properties.password());
  }

  @Bean
  SandboxMediaServer sandboxMediaServer(SandboxProperties properties) {
    return new SandboxMediaServer(
        properties.jellyfinToken(), properties.notificationsKept(), Clock.systemUTC());
  }

  @Bean
  SandboxNotificationSink sandboxNotificationSink(SandboxProperties properties) {
    return new SandboxNotificationSink(properties.notificationsKept(), Clock.systemUTC());
  }

  @Bean
  RouterFunction<ServerResponse> sandboxRoutes(
      SandboxProperties properties,
      SandboxIndexer indexer,
      SandboxQbittorrentApi qbittorrent,
      SandboxMediaServer mediaServer,
      SandboxNotificationSink notifications) {
    log.warn(
        "SANDBOX enabled: simulated services, not real ones: Torznab indexer {}, qBittorrent {},"
            + " Jellyfin {}, ntfy {}/<topic>, webhook {}; received notifications at GET {};"
            + " simulated downloads take {} and land in {}",
        SandboxIndexer.PATH,
        SandboxQbittorrentApi.BASE,
        SandboxMediaServer.BASE,
        SandboxNotificationSink.NTFY_BASE,
        SandboxNotificationSink.WEBHOOK_PATH,
        SandboxNotificationSink.LIST_PATH,
        properties.downloadDuration(),
        properties.downloadsDir());
    return indexer
        .routes()
        .and(qbittorrent.routes())
        .and(mediaServer.routes())
        .and(notifications.routes())
        .filter((request, next) -> fromLoopback(request) ? next.handle(request) : notLocal());
  }

  /**
   * The simulators answer clients on this machine only, whatever {@code server.address} says (the
   * compose stack binds the worker's port to its container network for Prometheus): the worker
   * calls them on 127.0.0.1, and nobody else has any business deleting the sandbox's downloads.
   */
  static boolean fromLoopback(ServerRequest request) {
    try {
      return InetAddress.getByName(request.servletRequest().getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static ServerResponse notLocal() {
    return ServerResponse.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.TEXT_PLAIN)
        .body("The sandbox simulators answer loopback clients only.");
  }

  /**
   * Stands in for ffprobe; primary so it wins over an ffprobe prober defined elsewhere when {@code
   * simulated-probe=always}.
   */
  @Bean
  @Primary
  @Conditional(SandboxFfprobeMissingCondition.class)
  SandboxMediaProber sandboxMediaProber() {
    return new SandboxMediaProber();
  }
}
