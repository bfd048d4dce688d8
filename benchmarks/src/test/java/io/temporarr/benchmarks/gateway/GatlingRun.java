package io.temporarr.benchmarks.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Runs a Gatling simulation in this JVM, its results and HTML report under a given folder. */
final class GatlingRun {

  private GatlingRun() {}

  /**
   * Runs the simulation to its end without writing the report (see {@link #report}), so that what
   * is measured around it is the load alone, not the report's generation.
   *
   * @throws IllegalStateException when Gatling exits with a non-zero status (it crashed; failed
   *     requests alone do not make it fail, as the simulation sets no assertions)
   */
  static void simulate(Class<? extends Simulation> simulation, Path resultsFolder) {
    gatling(
        "--simulation",
        simulation.getName(),
        "--results-folder",
        resultsFolder.toAbsolutePath().toString(),
        "--no-reports");
  }

  /** Writes the HTML report of the newest simulation run under the folder. */
  static void report(Path resultsFolder) throws IOException {
    Path latest;
    try (Stream<Path> runs = Files.list(resultsFolder)) {
      latest =
          runs.filter(Files::isDirectory)
              .max(Comparator.comparing(run -> run.getFileName().toString()))
              .orElseThrow(() -> new IOException("no Gatling run under " + resultsFolder));
    }
    gatling(
        "--reports-only",
        latest.getFileName().toString(),
        "--results-folder",
        resultsFolder.toAbsolutePath().toString());
  }

  /** Runs the simulation and writes its report. */
  static void run(Class<? extends Simulation> simulation, Path resultsFolder) throws IOException {
    simulate(simulation, resultsFolder);
    report(resultsFolder);
  }

  private static void gatling(String... arguments) {
    // Gatling reads settings from system properties too. No usage analytics sent from a benchmark;
    // the percentiles GatlingStats reads are pinned rather than left to the defaults.
    System.setProperty("gatling.data.enableAnalytics", "false");
    System.setProperty("gatling.charting.indicators.percentile1", "50");
    System.setProperty("gatling.charting.indicators.percentile4", "99");
    // Without a logback configuration on the class path logback logs everything at DEBUG.
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    String[] args = Arrays.copyOf(arguments, arguments.length + 2);
    args[arguments.length] = "--launcher";
    args[arguments.length + 1] = "temporarr-benchmarks";
    int status = Gatling$.MODULE$.fromArgs(args);
    if (status != 0) {
      throw new IllegalStateException(
          "Gatling exited with status " + status + " (" + String.join(" ", arguments) + ")");
    }
  }
}
