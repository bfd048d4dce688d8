package io.temporarr.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String EXPOSITION =
      """
      # HELP temporal_request_latency_seconds
      # TYPE temporal_request_latency_seconds summary
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecution",task_queue="media-requests"} 20
      temporal_request_latency_seconds_count{namespace="none",operation="GetSystemInfo",task_queue="none"} 1
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecution",task_queue="other"} 5
      temporal_request_latency_seconds_sum{namespace="default",operation="StartWorkflowExecution",task_queue="media-requests"} 0.9
      temporal_request_latency_seconds_count{namespace="default",operation="StartWorkflowExecutionX"} 99
      """;

  @Test
  void sumsEverySampleOfTheMetricWithTheLabel() {
    assertThat(
            PrometheusText.sum(
                EXPOSITION,
                "temporal_request_latency_seconds_count",
                "operation",
                "StartWorkflowExecution"))
        .isEqualTo(25);
  }

  @Test
  void aLabelValueMustMatchWholly() {
    assertThat(
            PrometheusText.sum(
                EXPOSITION, "temporal_request_latency_seconds_count", "operation", "GetSystemInfo"))
        .isEqualTo(1);
  }

  @Test
  void anAbsentCounterIsZero() {
    assertThat(
            PrometheusText.sum(
                EXPOSITION,
                "temporal_request_latency_seconds_count",
                "operation",
                "DescribeWorkflowExecution"))
        .isZero();
  }
}
