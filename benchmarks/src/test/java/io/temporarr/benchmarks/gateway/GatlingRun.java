package io.temporarr.benchmarks.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Runs a Gatling simulation in this JVM, its results and HTML report under a given folder. */
final class GatlingRun {

  private GatlingRun() {}

  /**
   * Runs the simulation to its end and writes the report.
   *
   * @throws IllegalStateException when Gatling exits with a non-zero status (it crashed; failed
   *     requests alone do not make it fail, as the simulation sets no assertions)
   */
  static void run(Class<? extends Simulation> simulation, Path resultsFolder) {
    // Gatling reads settings from system properties too. No usage analytics sent from a benchmark;
    // the percentiles GatlingStats reads are pinned rather than left to the defaults.
    System.setProperty("gatling.data.enableAnalytics", "false");
    System.setProperty("gatling.charting.indicators.percentile1", "50");
    System.setProperty("gatling.charting.indicators.percentile4", "99");
    // Without a logback configuration on the class path logback logs everything at DEBUG.
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    int status =
        Gatling$.MODULE$.fromArgs(
            new String[] {
              "--simulation", simulation.getName(),
              "--results-folder", resultsFolder.toAbsolutePath().toString(),
              "--launcher", "temporarr-benchmarks"
            });
    if (status != 0) {
      throw new IllegalStateException("Gatling exited with status " + status);
    }
  }
}
