package io.temporarr.worker.health;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code integrations} health component: whether each configured indexer, download client,
 * notifier and media server answers at all. A service that is down is reported here, as {@link
 * #DEGRADED} (answered with HTTP 200), rather than stopping or restarting the worker: requests that
 * need it retry and, in the end, need attention, while everything else keeps working.
 *
 * <p>Reachable means any HTTP answer from the service's origin, even 401 or 404: credentials and
 * paths are the business of start-up validation and of the activities, which report them with the
 * key to fix. Probes run in the background every {@code interval}, so a health request never waits
 * on a hung service and a monitoring system polling health does not multiply the probes.
 */
public final class IntegrationsHealthIndicator extends AbstractHealthIndicator
    implements DisposableBean {

  /** Some configured service does not answer; the worker itself is fine. */
  public static final Status DEGRADED =
      new Status("DEGRADED", "a configured service does not answer");

  private static final Logger log = LoggerFactory.getLogger(IntegrationsHealthIndicator.class);

  private final List<IntegrationEndpoint> endpoints;
  private final OkHttpClient http;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final java.time.Duration interval;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Map<String, Map<String, Object>> last = Map.of();
  private volatile Instant checkedAt;

  /**
   * @param http a client with short timeouts: a probe waits at most its call timeout
   * @param interval time between two rounds of probes
   */
  public IntegrationsHealthIndicator(
      List<IntegrationEndpoint> endpoints,
      OkHttpClient http,
      java.time.Duration interval,
      Clock clock) {
    super("integrations health check failed");
    this.endpoints = List.copyOf(endpoints);
    this.http = http;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "integrations-health");
              thread.setDaemon(true);
              return thread;
            });
    this.interval = interval;
  }

  /**
   * Starts the background probes. Called once the application is ready: the sandbox's simulated
   * services live in this very process and only answer from then on.
   */
  public void start() {
    if (!endpoints.isEmpty() && started.compareAndSet(false, true)) {
      scheduler.scheduleWithFixedDelay(
          this::probeAllQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, Map<String, Object>> results = last;
    if (endpoints.isEmpty()) {
      builder.up().withDetail("configured", 0);
      return;
    }
    if (checkedAt == null) {
      builder.unknown().withDetail("configured", endpoints.size());
      return;
    }
    boolean allUp =
        results.values().stream().allMatch(r -> Boolean.TRUE.equals(r.get("reachable")));
    builder.status(allUp ? Status.UP : DEGRADED);
    builder.withDetail("checkedAt", checkedAt.toString());
    results.forEach(builder::withDetail);
  }

  /**
   * 1 when the service under this configuration key answered the last probe, 0 when it did not, NaN
   * before the first probe (the {@code temporarr_integration_reachable} gauge).
   */
  public double reachable(String key) {
    Map<String, Object> result = last.get(key);
    if (result == null) {
      return Double.NaN;
    }
    return Boolean.TRUE.equals(result.get("reachable")) ? 1 : 0;
  }

  /** The configured services, in configuration order. */
  public List<IntegrationEndpoint> endpoints() {
    return endpoints;
  }

  /** One round of probes, in configuration order; also what the background task runs. */
  void probeAll() {
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    for (IntegrationEndpoint endpoint : endpoints) {
      results.put(endpoint.key(), probe(endpoint));
    }
    last = results;
    checkedAt = clock.instant();
  }

  private void probeAllQuietly() {
    try {
      probeAll();
    } catch (RuntimeException e) {
      // Never let one bad round end the schedule.
      log.warn("integration health probes failed", e);
    }
  }

  private Map<String, Object> probe(IntegrationEndpoint endpoint) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("url", endpoint.origin().toString());
    Request request = new Request.Builder().url(endpoint.origin()).head().build();
    try (Response response = http.newCall(request).execute()) {
      result.put("reachable", true);
      result.put("httpStatus", response.code());
    } catch (IOException e) {
      result.put("reachable", false);
      // The exception's class and message name the problem (refused, timeout, unknown host) and
      // hold no credentials: only the origin was contacted.
      result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return result;
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
