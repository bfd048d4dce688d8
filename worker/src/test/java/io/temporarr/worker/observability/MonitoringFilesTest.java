package io.temporarr.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.workflows.common.MetricNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring files under {@code deploy/} parse, every alert is complete, and every metric they
 * query is one the worker emits ({@link MetricNames} or the Temporal SDK's, whose histograms the
 * worker enables in application.yml; {@code ObservabilityEndToEndTest} scrapes both).
 */
class MonitoringFilesTest {

  static final String SDK_ACTIVITY_SCHEDULE_TO_START =
      "temporal_activity_schedule_to_start_latency";
  static final String SDK_WORKFLOW_TASK_SCHEDULE_TO_START =
      "temporal_workflow_task_schedule_to_start_latency";

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final String GATEWAY_PREFIX = "temporarr_gateway_";
  private static final Pattern METRIC = Pattern.compile("\\b(?:temporarr|temporal)_[a-z_]+");
  private static final Pattern SUFFIX =
      Pattern.compile("(?:_seconds)?(?:_total|_bucket|_count|_sum|_max)$|_seconds$");

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertHasAnExpressionADurationASeverityAndASummary() throws IOException {
    Map<String, Object> rules = yaml("prometheus/alerts.yml");

    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      alerts.addAll((List<Map<String, Object>>) group.get("rules"));
    }

    assertThat(alerts).hasSizeGreaterThanOrEqualTo(4);
    for (Map<String, Object> alert : alerts) {
      assertThat(alert.get("alert")).as("alert name").isInstanceOf(String.class);
      String name = (String) alert.get("alert");
      assertThat((String) alert.get("expr")).as(name + " expr").isNotBlank();
      assertThat(String.valueOf(alert.get("for"))).as(name + " for").matches("\\d+[smhd]");
      assertThat((Map<String, Object>) alert.get("labels"))
          .as(name + " labels")
          .extractingByKey("severity")
          .isIn("info", "warning", "critical");
      assertThat((Map<String, Object>) alert.get("annotations"))
          .as(name + " annotations")
          .extractingByKey("summary")
          .asString()
          .isNotBlank();
    }
    assertThat(alerts)
        .extracting(a -> (String) a.get("expr"))
        .anySatisfy(e -> assertThat(e).contains("NeedsAttention"))
        .anySatisfy(e -> assertThat(e).contains(MetricNames.REQUESTS_FINISHED))
        .anySatisfy(e -> assertThat(e).contains(MetricNames.STAGE_DURATION))
        .anySatisfy(e -> assertThat(e).contains(SDK_ACTIVITY_SCHEDULE_TO_START))
        .anySatisfy(e -> assertThat(e).contains(SDK_WORKFLOW_TASK_SCHEDULE_TO_START));
    assertThat(alerts)
        .filteredOn(a -> ((String) a.get("expr")).contains("NeedsAttention"))
        .singleElement()
        .satisfies(a -> assertThat(a.get("for")).isEqualTo("15m"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesWorkerAndGatewayAndLoadsTheAlerts() throws IOException {
    Map<String, Object> config = yaml("prometheus/prometheus.yml");

    assertThat((List<String>) config.get("rule_files")).anyMatch(f -> f.endsWith("alerts.yml"));
    assertThat((List<Map<String, Object>>) config.get("scrape_configs"))
        .extracting(job -> job.get("job_name"), job -> job.get("metrics_path"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("temporarr-worker", "/actuator/prometheus"),
            org.assertj.core.groups.Tuple.tuple("temporarr-gateway", "/actuator/prometheus"));
  }

  @Test
  void theDashboardIsValidJsonAndEveryPanelHasAQuery() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/temporarr.json").toFile());

    assertThat(dashboard.path("title").asText()).isEqualTo("Temporarr");
    assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(8);
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      panel
          .path("targets")
          .forEach(target -> assertThat(target.path("expr").asText()).isNotBlank());
    }
  }

  @Test
  void alertsAndDashboardOnlyQueryMetricsTheWorkerEmits() throws Exception {
    Set<String> emitted = new HashSet<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.get(null) instanceof String value
          && value.startsWith("temporarr_")) {
        emitted.add(value);
      }
    }
    emitted.add(SDK_ACTIVITY_SCHEDULE_TO_START);
    emitted.add(SDK_WORKFLOW_TASK_SCHEDULE_TO_START);

    Set<String> queried = new HashSet<>();
    queried.addAll(metricsIn(Files.readString(DEPLOY.resolve("prometheus/alerts.yml"))));
    queried.addAll(metricsIn(Files.readString(DEPLOY.resolve("grafana/temporarr.json"))));
    // The gateway's own metrics are checked against the gateway's code in starter-api.
    queried.removeIf(name -> name.startsWith(GATEWAY_PREFIX));

    assertThat(queried).isNotEmpty().isSubsetOf(emitted);
    assertThat(queried)
        .as("the dashboard shows every business metric")
        .containsAll(emitted.stream().filter(name -> name.startsWith("temporarr_")).toList());
  }

  private static Set<String> metricsIn(String text) {
    Set<String> names = new HashSet<>();
    Matcher matcher = METRIC.matcher(text);
    while (matcher.find()) {
      names.add(SUFFIX.matcher(matcher.group()).replaceAll(""));
    }
    return names;
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(DEPLOY.resolve(file)));
  }
}
