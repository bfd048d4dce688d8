package io.temporarr.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatlingStatsTest {

  /** The statistics table of a Gatling 3.14 report, trimmed to its headings and the global row. */
  private static final String REPORT =
      """
      <table id="container_statistics_head" class="statistics-in extensible-geant"><thead>
        <tr><th rowspan="2" id="col-1" class="header sortable sorted-up"><span>Requests</span></th></tr>
        <tr>
          <th id="col-2" class="header sortable"><span>Total</span></th>
          <th id="col-3" class="header sortable"><span>OK</span></th>
          <th id="col-4" class="header sortable"><span>KO</span></th>
          <th id="col-5" class="header sortable"><span>% KO</span></th>
          <th id="col-6" class="header sortable"><span><abbr title="Count of events per second">Cnt/s</abbr></span></th>
          <th id="col-7" class="header sortable"><span>Min</span></th>
      <th id="col-8" class="header sortable"><span>50th pct</span></th>
      <th id="col-9" class="header sortable"><span>75th pct</span></th>
      <th id="col-10" class="header sortable"><span>95th pct</span></th>
      <th id="col-11" class="header sortable"><span>99th pct</span></th>
      <th id="col-12" class="header sortable"><span>Max</span></th>
        </tr></thead>
        <tbody><tr id="ROOT" >
        <td class="total col-1"><span class="ellipsed-name">All Requests</span>
          <span class="value" style="display:none;">0</span></td>
        <td class="value total col-2">3,000</td>
        <td class="value ok col-3">2,990</td>
        <td class="value ko col-4">10</td>
        <td class="value ko col-5">0</td>
        <td class="value total col-6">49.18</td>
        <td class="value total col-7">9</td>
        <td class="value total col-8">31</td>
        <td class="value total col-9">40</td>
        <td class="value total col-10">77</td>
        <td class="value total col-11">142</td>
        <td class="value total col-12">655</td>
      </tr></tbody></table>
      <table id="container_statistics_body"><tbody><tr id="req_seerr-approval" data-parent="ROOT">
        <td class="value total col-2">1</td><td class="value ok col-3">1</td>
      </tr></tbody></table>
      """;

  @Test
  void readsTheAllRequestsRowByColumnHeading() throws IOException {
    GatlingStats stats = GatlingStats.parse(REPORT);

    assertThat(stats).isEqualTo(new GatlingStats(2990, 10, 49.18, 31, 142, 655));
  }

  @Test
  void findsColumnsByHeadingWhenTheirOrderChanges() throws IOException {
    String swapped =
        REPORT
            .replace("col-8\" class=\"header sortable\"><span>50th", "col-11\" x><span>50th")
            .replace("col-11\" class=\"header sortable\"><span>99th", "col-8\" x><span>99th");

    GatlingStats stats = GatlingStats.parse(swapped.replace(" x>", " class=\"header\">"));

    assertThat(stats.p50Millis()).isEqualTo(142);
    assertThat(stats.p99Millis()).isEqualTo(31);
  }

  @Test
  void readsADashAsZero() throws IOException {
    GatlingStats stats = GatlingStats.parse(REPORT.replace("col-4\">10<", "col-4\">-<"));

    assertThat(stats.ko()).isZero();
  }

  @Test
  void refusesAPageWithoutTheGlobalRow() {
    assertThatThrownBy(() -> GatlingStats.parse(REPORT.replace("id=\"ROOT\"", "id=\"other\"")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("All Requests");
  }

  @Test
  void refusesAMissingFigureInsteadOfReadingZero() {
    assertThatThrownBy(() -> GatlingStats.parse(REPORT.replace("99th pct", "98th pct")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("99th pct");
  }

  @Test
  void readsTheNewestRunUnderTheResultsFolder(@TempDir Path results) throws IOException {
    write(results.resolve("seerrwebhooksimulation-20261126212817771"), REPORT);
    write(
        results.resolve("seerrwebhooksimulation-20261126213000000"),
        REPORT.replace("col-11\">142<", "col-11\">99<"));
    Files.createDirectories(results.resolve("seerrwebhooksimulation-20261126999999999"));

    assertThat(GatlingStats.readLatest(results).p99Millis()).isEqualTo(99);
    assertThat(GatlingStats.latestReport(results).getParent().getFileName().toString())
        .isEqualTo("seerrwebhooksimulation-20261126213000000");
  }

  @Test
  void saysSoWhenNoRunWroteAReport(@TempDir Path results) {
    assertThatThrownBy(() -> GatlingStats.readLatest(results))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no Gatling report");
  }

  private static void write(Path run, String page) throws IOException {
    Files.createDirectories(run);
    Files.writeString(run.resolve("index.html"), page);
  }
}
