package io.temporarr.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** JVM options of a process a benchmark starts: the production ones plus any for diagnosis. */
public final class JvmOptions {

  private JvmOptions() {}

  /**
   * {@code production} followed by the space-separated options of system property {@code property}
   * (absent or blank: none), e.g. {@code -Dbench.worker.jvm="-XX:StartFlightRecording"}.
   */
  public static List<String> withExtra(List<String> production, String property) {
    List<String> options = new ArrayList<>(production);
    String extra = System.getProperty(property, "").strip();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return List.copyOf(options);
  }
}
