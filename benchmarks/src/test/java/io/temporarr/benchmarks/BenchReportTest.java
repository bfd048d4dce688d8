package io.temporarr.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  @Test
  void writesTheFiguresInTheOrderTheyWereAddedUnderTheBenchmarksName(@TempDir Path dir)
      throws Exception {
    String previous = System.setProperty("temporarr.bench.results", dir.toString());
    try {
      Path file =
          BenchReport.named("gateway", "webhooks/s")
              .put("raw_per_s", 100.0)
              .put("gateway_per_s", 90.0)
              .put("ratio", 0.9)
              .write();

      assertThat(file).isEqualTo(dir.resolve("gateway.json"));
      String text = Files.readString(file);
      assertThat(text.indexOf("raw_per_s")).isLessThan(text.indexOf("ratio"));
      Map<String, Object> read = new ObjectMapper().readValue(text, new TypeReference<>() {});
      assertThat(read).containsEntry("benchmark", "webhooks/s").containsEntry("ratio", 0.9);
    } finally {
      if (previous == null) {
        System.clearProperty("temporarr.bench.results");
      } else {
        System.setProperty("temporarr.bench.results", previous);
      }
    }
  }
}
