package io.temporarr.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The global figures of one Gatling run, read from the "All Requests" row of its HTML report's
 * statistics table ({@code index.html}). Gatling 3.14 no longer writes a {@code js/stats.json}: the
 * report page is the only place its computed statistics are kept. Columns are found by their
 * headings ("OK", "KO", "Cnt/s", "50th pct", "99th pct", "Max"), not by position, so a changed
 * column order or an extra percentile does not shift the figures.
 *
 * <p>The table's response times and rate are over all requests, ok and failed together; the
 * benchmark asserts there are no failed requests, so they are the ok figures.
 *
 * @param ok requests whose checks passed (here: answered 202)
 * @param ko requests that failed a check, timed out or could not connect
 * @param perSecond Gatling's mean request rate over the run (first request to last answer)
 * @param p50Millis median response time
 * @param p99Millis 99th percentile response time
 * @param maxMillis slowest response
 */
record GatlingStats(
    long ok, long ko, double perSecond, double p50Millis, double p99Millis, double maxMillis) {

  private static final Pattern HEADING =
      Pattern.compile(
          "<th id=\"col-(\\d+)\"[^>]*>\\s*<span>(?:<abbr[^>]*>)?([^<]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ALL_REQUESTS_ROW =
      Pattern.compile("<tr id=\"ROOT\"\\s*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL =
      Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">\\s*([^<]*?)\\s*</td>");

  /** Parses the text of a report's {@code index.html}. */
  static GatlingStats parse(String indexHtml) throws IOException {
    Map<String, Integer> columns = new HashMap<>();
    Matcher heading = HEADING.matcher(indexHtml);
    while (heading.find()) {
      columns.putIfAbsent(heading.group(2).strip(), Integer.parseInt(heading.group(1)));
    }
    Matcher row = ALL_REQUESTS_ROW.matcher(indexHtml);
    if (!row.find()) {
      throw new IOException("no \"All Requests\" row in the Gatling report");
    }
    Map<Integer, String> cells = new HashMap<>();
    Matcher cell = CELL.matcher(row.group(1));
    while (cell.find()) {
      cells.put(Integer.parseInt(cell.group(1)), cell.group(2));
    }
    return new GatlingStats(
        (long) figure(columns, cells, "OK"),
        (long) figure(columns, cells, "KO"),
        figure(columns, cells, "Cnt/s"),
        figure(columns, cells, "50th pct"),
        figure(columns, cells, "99th pct"),
        figure(columns, cells, "Max"));
  }

  /**
   * Reads the report of the newest run under Gatling's results folder.
   *
   * @throws IOException when no run there has a report
   */
  static GatlingStats readLatest(Path resultsFolder) throws IOException {
    return parse(Files.readString(latestReport(resultsFolder)));
  }

  /** The newest report page (by run directory name: Gatling suffixes each with its start time). */
  static Path latestReport(Path resultsFolder) throws IOException {
    try (Stream<Path> runs = Files.list(resultsFolder)) {
      return runs.map(run -> run.resolve("index.html"))
          .filter(Files::isRegularFile)
          .max(Comparator.comparing(page -> page.getParent().getFileName().toString()))
          .orElseThrow(() -> new IOException("no Gatling report under " + resultsFolder));
    }
  }

  /** A figure by its column heading; {@code "-"} (nothing measured) reads as 0. */
  private static double figure(
      Map<String, Integer> columns, Map<Integer, String> cells, String name) throws IOException {
    Integer column = columns.get(name);
    if (column == null || !cells.containsKey(column)) {
      throw new IOException("the Gatling report has no \"" + name + "\" figure");
    }
    String value = cells.get(column).replace(",", "");
    if (value.equals("-")) {
      return 0;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IOException("the Gatling report's \"" + name + "\" is not a number: " + value);
    }
  }
}
