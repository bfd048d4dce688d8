package io.temporarr.benchmarks.gateway;

import io.temporarr.activities.testing.JarProcess;
import io.temporarr.benchmarks.JvmOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged gateway as the benchmarks run it: its production JVM option, per-run credentials
 * (never real secrets), its inbox under the run's directory.
 */
public final class GatewayProcess {

  /** The {@code Authorization} value the benchmark's Seerr sender uses. */
  public static final String SEERR_AUTHORIZATION = "Bearer bench-seerr-credential";

  /** The Dockerfile's ENTRYPOINT option. */
  public static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75");

  private GatewayProcess() {}

  /** {@code temporarr.gateway.jar} (surefire sets it), else the module's build output. */
  public static Path jar() {
    return Path.of(
            System.getProperty(
                "temporarr.gateway.jar", "../starter-api/target/temporarr-gateway.jar"))
        .toAbsolutePath();
  }

  /**
   * Starts the gateway on {@code port} against the Temporal frontend at {@code temporalAddress} and
   * waits until it is healthy; its log is {@code dir/gateway.log}.
   */
  public static JarProcess start(Path dir, int port, String temporalAddress)
      throws IOException, InterruptedException {
    return JarProcess.start(
        jar(),
        dir.resolve("gateway.log"),
        port,
        Map.of(
            "TEMPORARR_GATEWAY_SEERR_AUTHORIZATION", SEERR_AUTHORIZATION,
            "TEMPORARR_GATEWAY_QBITTORRENT_TOKEN", "bench-qbittorrent-token",
            "TEMPORARR_GATEWAY_OPERATOR_TOKEN", "bench-operator-token",
            // whsec_ + base64("bench-events-secret-0123456789"): the gateway refuses to start
            // without.
            "TEMPORARR_GATEWAY_EVENTS_SECRETS", "whsec_YmVuY2gtZXZlbnRzLXNlY3JldC0wMTIzNDU2Nzg5",
            // Seerr's production budget (20/s) is a protection gate, not the path measured here.
            "TEMPORARR_GATEWAY_RATELIMITS_SEERR_LIMITFORPERIOD", "1000000"),
        JvmOptions.withExtra(PRODUCTION_JVM_OPTIONS, "bench.gateway.jvm"),
        List.of(
            "--spring.temporal.connection.target=" + temporalAddress,
            "--temporarr.gateway.inbox.path=" + dir.resolve("inbox.db")),
        Duration.ofMinutes(3));
  }
}
