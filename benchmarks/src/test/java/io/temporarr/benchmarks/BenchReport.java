package io.temporarr.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one benchmark: printed as one line (as the chaos suite does) and written as {@code
 * <results>/<name>.json}, from which docs/benchmarks.md is filled. Insertion order is kept, so the
 * raw numbers come before the ratios computed from them.
 */
public final class BenchReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String name;
  private final String title;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  private BenchReport(String name, String title) {
    this.name = name;
    this.title = title;
  }

  /**
   * @param name file name of the result, e.g. {@code gateway}
   * @param title what was measured, for the printed line
   */
  public static BenchReport named(String name, String title) {
    return new BenchReport(name, title);
  }

  /** Adds one figure; a later value under the same key replaces the earlier one. */
  public BenchReport put(String key, Object value) {
    figures.put(key, value);
    return this;
  }

  public Map<String, Object> figures() {
    return Map.copyOf(figures);
  }

  /** The directory results go to: {@code temporarr.bench.results}, else {@code target/bench}. */
  public static Path resultsDirectory() {
    return Path.of(System.getProperty("temporarr.bench.results", "target/bench")).toAbsolutePath();
  }

  /** Prints the line and writes the JSON file; returns the file. */
  public Path write() throws IOException {
    Path dir = Files.createDirectories(resultsDirectory());
    Path file = dir.resolve(name + ".json");
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", title);
    document.putAll(figures);
    JSON.writeValue(file.toFile(), document);
    StringBuilder line =
        new StringBuilder("bench ").append(name).append(" (").append(title).append("):");
    figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
    return file;
  }
}
