package io.temporarr.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters out of a Prometheus text exposition ({@code /actuator/prometheus}). */
public final class PrometheusText {

  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /**
   * The samples of {@code metric}, summed per value of {@code label} (samples without that label
   * are left out), e.g. executed activities per {@code activity_type}.
   */
  public static Map<String, Double> sumBy(String exposition, String metric, String label) {
    Map<String, Double> sums = new TreeMap<>();
    Pattern sample =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE);
    Matcher line = sample.matcher(exposition);
    while (line.find()) {
      Matcher labels = LABEL.matcher(line.group(1));
      while (labels.find()) {
        if (labels.group(1).equals(label)) {
          sums.merge(labels.group(2), Double.parseDouble(line.group(2)), Double::sum);
        }
      }
    }
    return sums;
  }

  /**
   * The sum of every sample of {@code metric} whose labels include {@code label="value"}; 0 when
   * there is none (a counter that never counted is not exposed).
   */
  public static double sum(String exposition, String metric, String label, String value) {
    return sumBy(exposition, metric, label).getOrDefault(value, 0.0);
  }

  /** Every sample of {@code metric} (labelled or not) added up; 0 when there is none. */
  public static double sum(String exposition, String metric) {
    Matcher line =
        Pattern.compile(
                "^" + Pattern.quote(metric) + "(?:\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE)
            .matcher(exposition);
    double sum = 0;
    while (line.find()) {
      sum += Double.parseDouble(line.group(1));
    }
    return sum;
  }

  /** {@code after - before} per key, keys of either side; only the non-zero differences. */
  public static Map<String, Long> difference(
      Map<String, Double> before, Map<String, Double> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach(
        (key, value) -> {
          long d = Math.round(value - before.getOrDefault(key, 0.0));
          if (d != 0) {
            delta.put(key, d);
          }
        });
    before.forEach(
        (key, value) -> {
          if (!after.containsKey(key) && Math.round(value) != 0) {
            delta.put(key, -Math.round(value));
          }
        });
    return delta;
  }
}
