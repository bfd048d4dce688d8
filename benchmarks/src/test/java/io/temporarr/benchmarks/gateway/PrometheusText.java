package io.temporarr.benchmarks.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums of labelled samples in Prometheus' text exposition format ({@code /actuator/prometheus}).
 */
final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

  private PrometheusText() {}

  /**
   * The sum of every sample of {@code metric} whose labels include {@code label="value"}; 0 when
   * there is none (a counter that never counted is not exposed).
   */
  static double sum(String exposition, String metric, String label, String value) {
    String wanted = label + "=\"" + value + "\"";
    double sum = 0;
    Matcher sample = SAMPLE.matcher(exposition);
    while (sample.find()) {
      if (sample.group(1).equals(metric) && hasLabel(sample.group(2), wanted)) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }

  private static boolean hasLabel(String labels, String wanted) {
    for (String pair : labels.split(",")) {
      if (pair.strip().equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
