package io.temporarr.worker.temporal;

import io.temporarr.worker.InvalidConfigurationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Temporal runs ({@code temporarr.temporal.*}).
 *
 * @param mode {@code embedded}: an in-process Temporal test server, port-bound so {@code temporal}
 *     and {@code tctl} connect, which keeps everything in memory; {@code external}: the server at
 *     {@code spring.temporal.connection.target} (a dev server, a cluster, Temporal Cloud). No
 *     default: the {@code sandbox} profile sets {@code embedded}, any other profile must choose
 *     ({@link #requireMode()})
 * @param embedded the embedded server's settings
 * @param startup how start-up waits for a Temporal server that is still coming up
 * @param drainTimeout on shutdown, how long running tasks may take to finish before the worker
 *     stops anyway (Temporal retries what was cut off)
 * @param registerSearchAttributes in {@code external} mode, add missing custom search attributes
 *     through the Operator API at start-up; turn it off where that API may not add them (Temporal
 *     Cloud: create them with {@code tcld} or the Cloud UI, see docs/deployment.md)
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.temporal")
public record TemporalModeProperties(
    Mode mode,
    @Valid @DefaultValue Embedded embedded,
    @Valid @DefaultValue Startup startup,
    @NotNull @DurationMin(millis = 0) @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("true") boolean registerSearchAttributes) {

  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  /** The key that chooses the mode. */
  public static final String MODE_KEY = "temporarr.temporal.mode";

  /**
   * The chosen mode.
   *
   * @throws InvalidConfigurationException when none is set: outside the sandbox profile nothing may
   *     fall back to an in-memory server that loses every request on restart
   */
  public Mode requireMode() {
    if (mode == null) {
      throw new InvalidConfigurationException(
          MODE_KEY,
          "not set; outside the sandbox profile there is no default",
          "Set TEMPORARR_TEMPORAL_MODE=external and spring.temporal.connection.target"
              + " (TEMPORAL_ADDRESS) to use a persistent Temporal server (`scripts/run"
              + " --dev-server`, `temporal server start-dev --db-filename <file>`, a cluster or"
              + " Temporal Cloud). TEMPORARR_TEMPORAL_MODE=embedded runs an in-memory server in"
              + " this process instead, which loses every workflow when the worker stops.");
    }
    return mode;
  }

  /**
   * @param port gRPC port; 0 picks a free one (tests)
   * @param address the one address the server listens on: loopback by default, since the server has
   *     no authentication and whoever reaches it can start, signal, terminate and read every
   *     workflow; {@code 0.0.0.0} for every interface
   */
  public record Embedded(
      @Min(0) @Max(65535) @DefaultValue("7233") int port,
      @NotNull @DefaultValue("127.0.0.1") InetAddress address) {}

  /**
   * Retry of the start-up steps (search attributes, workers, download monitors): doubling from the
   * initial backoff up to the maximum, forever, so an app started before Temporal does not
   * crash-loop.
   */
  public record Startup(
      @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration initialBackoff,
      @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration maximumBackoff) {}
}
