package io.temporarr.worker.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.activities.release.RejectionReasons;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.search.Rejection;
import io.temporarr.workflows.search.SearchActivities;
import io.temporarr.workflows.search.SearchQuery;
import io.temporarr.workflows.search.SearchResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The embedded sandbox plus an indexer nobody listens for, with a breaker that opens on one
 * failure: after one search the scrape of {@code /actuator/prometheus} shows that indexer's breaker
 * open and the sandbox's closed, and the search itself still answered from the sandbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// Metrics export (the prometheus endpoint) is off in tests unless asked for.
@AutoConfigureObservability
@Timeout(120)
class IndexerCircuitBreakerMetricsTest {

  private static final int SERVER_PORT = TestSocketUtils.findAvailableTcpPort();
  private static final int NOBODY = TestSocketUtils.findAvailableTcpPort();

  @TempDir static Path sandbox;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> SERVER_PORT);
    registry.add("temporarr.temporal.embedded.port", () -> 0);
    registry.add("temporarr.sandbox.downloads-dir", () -> sandbox.resolve("downloads").toString());
    registry.add("temporarr.processing.library.movies", () -> sandbox.resolve("movies").toString());
    registry.add("temporarr.processing.library.tv", () -> sandbox.resolve("tv").toString());
    registry.add("temporarr.indexers.down.url", () -> "http://127.0.0.1:" + NOBODY + "/api");
    // One failure in a window of one opens the breaker.
    registry.add("temporarr.search.circuit-breaker.sliding-window-size", () -> 1);
    registry.add("temporarr.search.circuit-breaker.minimum-number-of-calls", () -> 1);
  }

  @Autowired
  @Qualifier(WorkerRegistration.SEARCH_ACTIVITIES)
  SearchActivities search;

  @Test
  void aFailingIndexersOpenBreakerShowsInPrometheusWhileTheSearchStillAnswers() throws Exception {
    String before = scrape();

    SearchResult result =
        search.search(
            new SearchQuery(
                "media-request:events:breaker",
                MediaType.MOVIE,
                "Sintel",
                2010,
                45745,
                "tt1727587",
                null,
                null,
                List.of(),
                15));

    assertThat(state(before, "down", "closed")).isEqualTo("1.0");
    assertThat(state(before, "sandbox", "closed")).isEqualTo("1.0");
    assertThat(result.accepted()).isNotEmpty();
    assertThat(result.rejected())
        .contains(new Rejection("indexer down: NetworkError", RejectionReasons.INDEXER_FAILED));
    String after = scrape();
    assertThat(state(after, "down", "open")).isEqualTo("1.0");
    assertThat(state(after, "down", "closed")).isEqualTo("0.0");
    assertThat(state(after, "sandbox", "closed")).isEqualTo("1.0");
  }

  /** The value of {@code resilience4j_circuitbreaker_state{name=…,state=…}}, null when absent. */
  private static String state(String scrape, String name, String state) {
    return scrape
        .lines()
        .filter(line -> line.startsWith("resilience4j_circuitbreaker_state{"))
        .filter(line -> line.contains("name=\"" + name + "\""))
        .filter(line -> line.contains("state=\"" + state + "\""))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse(null);
  }

  private static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SERVER_PORT + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
