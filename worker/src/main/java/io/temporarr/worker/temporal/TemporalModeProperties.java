package io.temporarr.worker.temporal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Temporal runs ({@code temporarr.temporal.*}).
 *
 * @param mode {@code embedded}: an in-process Temporal test server, port-bound so {@code temporal}
 *     and {@code tctl} connect; {@code external}: the server at {@code
 *     spring.temporal.connection.target} (a dev server, a cluster, Temporal Cloud)
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
    @NotNull @DefaultValue("embedded") Mode mode,
    @Valid @DefaultValue Embedded embedded,
    @Valid @DefaultValue Startup startup,
    @NotNull @DurationMin(millis = 0) @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("true") boolean registerSearchAttributes) {

  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  /**
   * @param port gRPC port; 0 picks a free one (tests)
   */
  public record Embedded(@Min(0) @Max(65535) @DefaultValue("7233") int port) {}

  /**
   * Retry of the start-up steps (search attributes, workers, download monitors): doubling from the
   * initial backoff up to the maximum, forever, so an app started before Temporal does not
   * crash-loop.
   */
  public record Startup(
      @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration initialBackoff,
      @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration maximumBackoff) {}
}
