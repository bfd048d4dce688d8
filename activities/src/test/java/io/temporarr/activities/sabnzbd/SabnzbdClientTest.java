package io.temporarr.activities.sabnzbd;

import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.API_KEY;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.fixture;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.json;
import static io.temporarr.activities.sabnzbd.SabnzbdFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SabnzbdClientTest {

  private static final HttpUrl NZB =
      HttpUrl.get("https://indexer.example/getnzb/42.nzb?apikey=INDEXERKEY");

  @StartStop private final MockWebServer server = new MockWebServer();

  private SabnzbdClient client(String category) {
    return new SabnzbdClient(
        HttpClients.create(),
        new SabnzbdSettings("sabnzbd", server.url("/sabnzbd/"), API_KEY, category));
  }

  @Test
  void addUrlSendsTheNzbUrlJobNameCategoryAndKeyAndReturnsTheFirstJobId() throws Exception {
    server.enqueue(fixture("addurl.json"));

    String id = client("movies").addUrl(NZB, "tmr-3fa2b1c0d9e8-media-hrequest-cseerr-c42 Dune");

    assertThat(id).isEqualTo("SABnzbd_nzo_p86tgx");
    RecordedRequest request = server.takeRequest();
    HttpUrl url = request.getUrl();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(url.encodedPath()).isEqualTo("/sabnzbd/api");
    assertThat(url.queryParameter("mode")).isEqualTo("addurl");
    assertThat(url.queryParameter("output")).isEqualTo("json");
    assertThat(url.queryParameter("apikey")).isEqualTo(API_KEY);
    assertThat(url.queryParameter("name")).isEqualTo(NZB.toString());
    assertThat(url.queryParameter("nzbname"))
        .isEqualTo("tmr-3fa2b1c0d9e8-media-hrequest-cseerr-c42 Dune");
    assertThat(url.queryParameter("cat")).isEqualTo("movies");
  }

  @Test
  void addUrlWithoutCategoryLeavesTheChoiceToSabnzbd() throws Exception {
    server.enqueue(fixture("addurl.json"));

    client(null).addUrl(NZB, "job");

    assertThat(server.takeRequest().getUrl().queryParameterNames()).doesNotContain("cat");
  }

  @Test
  void anAddUrlAnswerWithoutJobIdIsARejectedDownload() {
    server.enqueue(json("{\"status\": false, \"nzo_ids\": []}"));

    assertFailure(() -> client(null).addUrl(NZB, "job"), ErrorTypes.DOWNLOAD_REJECTED, false);
  }

  @Test
  void anAddUrlAnswerWhoseIdIsNotTextIsMalformed() {
    server.enqueue(json("{\"status\": true, \"nzo_ids\": [42]}"));

    assertFailure(() -> client(null).addUrl(NZB, "job"), ErrorTypes.MALFORMED_RESPONSE, false);
  }

  @Test
  void queueSlotsBecomeJobsWithSizesFromMebibyteStrings() throws Exception {
    server.enqueue(fixture("queue.json"));

    List<SabnzbdJob> jobs = client(null).queue("tmr-", List.of("SABnzbd_nzo_p86tgx"));

    assertThat(jobs).hasSize(3);
    SabnzbdJob dune = jobs.get(0);
    assertThat(dune.nzoId()).isEqualTo("SABnzbd_nzo_p86tgx");
    assertThat(dune.name()).startsWith("tmr-3fa2b1c0d9e8-media-hrequest-cseerr-c42 ");
    assertThat(dune.status()).isEqualTo("Downloading");
    assertThat(dune.inHistory()).isFalse();
    assertThat(dune.totalBytes()).isEqualTo(Math.round(4044.98 * 1024 * 1024));
    assertThat(dune.bytesLeft()).isEqualTo(Math.round(1271.58 * 1024 * 1024));
    assertThat(jobs.get(1).status()).isEqualTo("Queued");
    assertThat(jobs.get(2).status()).isEqualTo("Paused");
    HttpUrl url = server.takeRequest().getUrl();
    assertThat(url.queryParameter("mode")).isEqualTo("queue");
    assertThat(url.queryParameter("search")).isEqualTo("tmr-");
    assertThat(url.queryParameter("nzo_ids")).isEqualTo("SABnzbd_nzo_p86tgx");
    assertThat(url.queryParameter("apikey")).isEqualTo(API_KEY);
    assertThat(url.queryParameterNames()).doesNotContain("limit");
  }

  @Test
  void historySlotsCarryStorageAndFailMessage() throws Exception {
    server.enqueue(fixture("history.json"));

    List<SabnzbdJob> jobs = client(null).history(null, List.of(), 100);

    assertThat(jobs)
        .extracting(SabnzbdJob::nzoId, SabnzbdJob::status, SabnzbdJob::storage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SABnzbd_nzo_r3p41r", "Repairing", null),
            org.assertj.core.groups.Tuple.tuple(
                "SABnzbd_nzo_p86tgx",
                "Completed",
                "/downloads/complete/movies/tmr-3fa2b1c0d9e8-media-hrequest-cseerr-c42"
                    + " Dune.2021.1080p.BluRay.x264"),
            org.assertj.core.groups.Tuple.tuple("SABnzbd_nzo_f41l3d", "Failed", null));
    assertThat(jobs.get(2).failMessage()).isEqualTo("URL Fetching failed; File not on server");
    assertThat(jobs.get(1).failMessage()).isNull();
    assertThat(jobs.get(1).totalBytes()).isEqualTo(4241469440L);
    assertThat(jobs).allMatch(SabnzbdJob::inHistory);
    HttpUrl url = server.takeRequest().getUrl();
    assertThat(url.queryParameter("mode")).isEqualTo("history");
    assertThat(url.queryParameter("limit")).isEqualTo("100");
    assertThat(url.queryParameterNames()).doesNotContain("search", "nzo_ids");
  }

  @Test
  void deletesSendTheIdAndWhetherFilesGoToo() throws Exception {
    server.enqueue(json("{\"status\": false, \"nzo_ids\": []}"));
    server.enqueue(SabnzbdFixtures.ok());
    SabnzbdClient client = client(null);

    client.deleteFromQueue("SABnzbd_nzo_p86tgx", true);
    client.deleteFromHistory("SABnzbd_nzo_p86tgx", false);

    HttpUrl queue = server.takeRequest().getUrl();
    assertThat(queue.queryParameter("mode")).isEqualTo("queue");
    assertThat(queue.queryParameter("name")).isEqualTo("delete");
    assertThat(queue.queryParameter("value")).isEqualTo("SABnzbd_nzo_p86tgx");
    assertThat(queue.queryParameter("del_files")).isEqualTo("1");
    HttpUrl history = server.takeRequest().getUrl();
    assertThat(history.queryParameter("mode")).isEqualTo("history");
    assertThat(history.queryParameter("name")).isEqualTo("delete");
    assertThat(history.queryParameter("del_files")).isEqualTo("0");
  }

  @Test
  void aWrongKeyInAJsonAnswerIsUnauthorized() {
    server.enqueue(json("{\"status\":false,\"error\":\"API Key Incorrect\"}"));

    ApplicationFailure failure =
        assertFailure(() -> client(null).queue(null, List.of()), ErrorTypes.UNAUTHORIZED, false);
    assertThat(failure.getOriginalMessage()).doesNotContain(API_KEY);
  }

  @Test
  void aWrongKeyAnsweredWith403IsUnauthorizedNotForbidden() {
    server.enqueue(text(403, "API Key Incorrect"));

    ApplicationFailure failure =
        assertFailure(
            () -> client(null).history(null, List.of(), 0), ErrorTypes.UNAUTHORIZED, false);
    assertThat(failure.getOriginalMessage()).contains("API Key Incorrect").doesNotContain(API_KEY);
  }

  @Test
  void anotherRefusalWith403StaysForbidden() {
    server.enqueue(
        text(403, "External internet access denied - https://sabnzbd.org/access-denied"));

    ApplicationFailure failure =
        assertFailure(() -> client(null).queue(null, List.of()), ErrorTypes.FORBIDDEN, false);
    assertThat(failure.getOriginalMessage()).doesNotContain(API_KEY);
  }

  @Test
  void anotherErrorAnswerIsABadRequest() {
    server.enqueue(json("{\"status\":false,\"error\":\"expects one parameter\"}"));

    ApplicationFailure failure =
        assertFailure(
            () -> client(null).deleteFromQueue("x", false), ErrorTypes.BAD_REQUEST, false);
    assertThat(failure.getOriginalMessage()).contains("expects one parameter");
  }

  @Test
  void bodiesThatAreNotTheExpectedJsonAreMalformed() {
    SabnzbdClient client = client(null);
    for (String body :
        List.of(
            "<html>SABnzbd login</html>",
            "[]",
            "{\"queue\": {\"slots\": {}}}",
            "{\"queue\": {\"slots\": [1]}}",
            "{\"queue\": {\"slots\": [{\"filename\": \"x\", \"status\": \"Queued\"}]}}",
            "{\"queue\": {\"slots\": [{\"nzo_id\": null, \"filename\": \"x\"}]}}")) {
      server.enqueue(json(body));
      assertFailure(() -> client.queue(null, List.of()), ErrorTypes.MALFORMED_RESPONSE, false);
    }
  }

  @Test
  void serverErrorsAreRetryableAndNeverShowTheKey() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ApplicationFailure failure =
        assertFailure(() -> client(null).queue(null, List.of()), ErrorTypes.SERVER_ERROR, true);
    assertThat(failure.getOriginalMessage()).doesNotContain(API_KEY).contains("/sabnzbd/api");
  }

  @Test
  void settingsNeverPrintTheKeyAndRejectIncompleteValues() {
    SabnzbdSettings settings = new SabnzbdSettings("sabnzbd", server.url("/"), API_KEY, "  ");
    assertThat(settings.toString()).doesNotContain(API_KEY).contains("sabnzbd");
    assertThat(settings.category()).isNull();
    assertThatThrownBy(() -> new SabnzbdSettings(" ", server.url("/"), API_KEY, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SabnzbdSettings("sabnzbd", null, API_KEY, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SabnzbdSettings("sabnzbd", server.url("/"), "a key", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("a key");
    assertThatThrownBy(() -> new SabnzbdSettings("sabnzbd", server.url("/"), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ApplicationFailure assertFailure(
      ThrowingCallable call, String type, boolean retryable) {
    ApplicationFailure failure =
        (ApplicationFailure)
            org.assertj.core.api.Assertions.catchThrowableOfType(ApplicationFailure.class, call);
    assertThat(failure).as("expected a %s failure", type).isNotNull();
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
    return failure;
  }
}
