package io.temporarr.benchmarks.footprint;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot's own start-up figures from a log: {@code Started <Application> in 7.412 seconds
 * (process running for 8.03)}. The first is the application context's start; the second counts from
 * the JVM's start, so it includes JVM and class-loading time.
 */
record SpringStartup(double contextSeconds, double processSeconds) {

  private static final Pattern STARTED =
      Pattern.compile(
          "Started \\S+ in (\\d+(?:\\.\\d+)?) seconds \\(process running for (\\d+(?:\\.\\d+)?)\\)");

  /**
   * The first start-up line of the log.
   *
   * @throws IOException when the log has none (the application did not finish starting)
   */
  static SpringStartup parse(String log) throws IOException {
    Matcher started = STARTED.matcher(log);
    if (!started.find()) {
      throw new IOException("no Spring Boot \"Started … in … seconds\" line in the log");
    }
    return new SpringStartup(
        Double.parseDouble(started.group(1)), Double.parseDouble(started.group(2)));
  }
}
