package io.temporarr.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporarr.gateway.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's alert rules ({@code deploy/prometheus/alerts.yml}, checked by promtool in
 * scripts/check-compose) query only metrics the gateway emits, by their Prometheus names.
 */
class GatewayAlertRulesTest {
  private static final Pattern GATEWAY_METRIC = Pattern.compile("\\btemporarr_gateway_[a-z_]+");

  @TempDir Path dir;

  @Test
  void theCorruptInboxAlertQueriesTheCounterTheInboxEmits() throws Exception {
    String rules = Files.readString(Path.of("..", "deploy", "prometheus", "alerts.yml"));
    Set<String> queried = new HashSet<>();
    Matcher matcher = GATEWAY_METRIC.matcher(rules);
    while (matcher.find()) {
      queried.add(matcher.group());
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (InboxStore store =
        InboxStore.open(dir.resolve("inbox.db"), new MutableClock(Instant.EPOCH))) {
      new InboxMetrics(store, new MutableClock(Instant.EPOCH)).bindTo(registry);
      String scrape = registry.scrape();

      assertThat(rules).contains("alert: TemporarrGatewayInboxCorrupt");
      assertThat(queried).contains("temporarr_gateway_inbox_corrupt_total");
      for (String metric : queried) {
        assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "(\\{| )");
      }
    }
  }
}
