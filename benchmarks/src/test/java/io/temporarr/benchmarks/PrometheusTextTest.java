package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String START_COUNTS =
      """
      # HELP temporal_request_latency_seconds
      # TYPE temporal_request_latency_seconds summary
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecution",task_queue="media-requests"} 20
      temporal_request_latency_seconds_count{namespace="none",operation="GetSystemInfo",task_queue="none"} 1
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecution",task_queue="other"} 5
      temporal_request_latency_seconds_sum{namespace="default",operation="StartWorkflowExecution",task_queue="media-requests"} 0.9
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecutionX"} 99
      """;

  private static final String EXPOSITION =
      """
      # HELP temporal_activity_execution_latency_seconds
      # TYPE temporal_activity_execution_latency_seconds summary
      temporal_activity_execution_latency_seconds_count{activity_type="PollDownloads",namespace="default",task_queue="media-requests"} 12.0
      temporal_activity_execution_latency_seconds_count{activity_type="PollDownloads",namespace="other",task_queue="media-requests"} 3.0
      temporal_activity_execution_latency_seconds_count{activity_type="Search",namespace="default",task_queue="media-requests"} 5.0
      temporal_activity_execution_latency_seconds_sum{activity_type="Search",namespace="default"} 9.5
      temporal_sticky_cache_size{namespace="default",worker_type="WorkflowWorker"} 42.0
      """;

  @Test
  void sumsTheSamplesOfOneMetricPerLabelValue() {
    assertThat(
            PrometheusText.sumBy(
                EXPOSITION, "temporal_activity_execution_latency_seconds_count", "activity_type"))
        .isEqualTo(Map.of("PollDownloads", 15.0, "Search", 5.0));
    assertThat(PrometheusText.sumBy(EXPOSITION, "temporal_sticky_cache_size", "namespace"))
        .isEqualTo(Map.of("default", 42.0));
  }

  @Test
  void sumAddsEverySampleOfOneMetricOnly() {
    assertThat(
            PrometheusText.sum(
                EXPOSITION + "temporal_sticky_cache_size 8.0\n", "temporal_sticky_cache_size"))
        .isEqualTo(50.0);
    assertThat(PrometheusText.sum(EXPOSITION, "temporal_activity_execution_latency_seconds_count"))
        .isEqualTo(20.0);
    assertThat(PrometheusText.sum(EXPOSITION, "absent")).isZero();
  }

  @Test
  void absentMetricOrLabelGivesNothing() {
    assertThat(PrometheusText.sumBy(EXPOSITION, "no_such_metric", "activity_type")).isEmpty();
    assertThat(PrometheusText.sumBy(EXPOSITION, "temporal_sticky_cache_size", "activity_type"))
        .isEmpty();
  }

  @Test
  void differenceKeepsOnlyWhatChanged() {
    assertThat(
            PrometheusText.difference(
                Map.of("PollDownloads", 10.0, "Search", 5.0, "Gone", 2.0),
                Map.of("PollDownloads", 13.0, "Search", 5.0, "New", 1.0)))
        .isEqualTo(Map.of("PollDownloads", 3L, "New", 1L, "Gone", -2L));
  }

  @Test
  void sumsEverySampleOfTheMetricWithTheLabel() {
    assertThat(
            PrometheusText.sum(
                START_COUNTS,
                "temporal_request_latency_seconds_count",
                "operation",
                "StartWorkflowExecution"))
        .isEqualTo(25);
  }

  @Test
  void aLabelValueMustMatchWholly() {
    assertThat(
            PrometheusText.sum(
                START_COUNTS,
                "temporal_request_latency_seconds_count",
                "operation",
                "GetSystemInfo"))
        .isEqualTo(1);
  }

  @Test
  void anAbsentCounterIsZero() {
    assertThat(
            PrometheusText.sum(
                START_COUNTS,
                "temporal_request_latency_seconds_count",
                "operation",
                "DescribeWorkflowExecution"))
        .isZero();
  }
}
