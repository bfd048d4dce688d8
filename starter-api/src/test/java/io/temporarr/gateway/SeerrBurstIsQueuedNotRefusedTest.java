package io.temporarr.gateway;

import static io.temporarr.gateway.TestCredentials.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.gateway.inbox.InboxStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Issue 16, item 3: Seerr posts each webhook once and only logs a failure, so a 429 loses the
 * request. A burst far past Seerr's production budget (20 per second, set here as in {@code
 * application.yml}) of distinct approvals — a collection of 200 auto-approved movies — is
 * acknowledged in full: every delivery is answered 202 (started, or queued in the durable inbox),
 * and every one becomes a workflow on Temporal's test server once the drainer delivered the inbox.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.rate-limits.seerr.limit-for-period=20",
      "temporarr.gateway.rate-limits.seerr.refresh-period=1s"
    })
@Import(GatewayOnTemporalTestServerTest.FakeRequestWorker.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SeerrBurstIsQueuedNotRefusedTest {
  private static final int APPROVALS = 200;
  private static final int FIRST_REQUEST_ID = 16_300_000;

  @LocalServerPort private int port;
  @Autowired private InboxStore inbox;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService senders = Executors.newFixedThreadPool(APPROVALS);

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  @Test
  void twoHundredDistinctApprovalsAtOnceAreAllAcknowledgedAndAllBecomeWorkflows() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < APPROVALS; i++) {
      String requestId = Integer.toString(FIRST_REQUEST_ID + i);
      sent.add(
          senders.submit(
              () -> {
                go.await();
                return seerr(approval(requestId));
              }));
    }
    go.countDown();

    Map<Integer, Integer> statuses = new HashMap<>();
    Map<String, Integer> answers = new HashMap<>();
    for (Future<HttpResponse<String>> response : sent) {
      HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
      statuses.merge(answer.statusCode(), 1, Integer::sum);
      answers.merge(json.readTree(answer.body()).path("status").asText(), 1, Integer::sum);
    }

    assertThat(statuses).containsExactly(Map.entry(202, APPROVALS));
    // Far more than one second's budget: the burst went through the inbox, not around the limit.
    assertThat(answers.getOrDefault(Answer.QUEUED, 0)).isPositive();
    List<String> workflowIds =
        IntStream.range(0, APPROVALS)
            .mapToObj(i -> "media-request:seerr:" + (FIRST_REQUEST_ID + i))
            .toList();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(workflowIds)
                  .allSatisfy(id -> assertThat(FakeMediaRequestWorkflow.RUNS.get(id)).hasSize(1));
              assertThat(inbox.depth()).isZero();
            });
    assertThat(inbox.deadCount()).isZero();
  }

  private static String approval(String requestId) {
    return fixture("seerr/movie-approved.json")
        .replace("\"request_id\": \"42\"", "\"request_id\": \"" + requestId + "\"");
  }

  private HttpResponse<String> seerr(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/seerr"))
            .header("Authorization", TestCredentials.SEERR)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
