package io.temporarr.activities.notify;

import static io.temporarr.activities.notify.NotifierFixtures.failure;
import static io.temporarr.activities.notify.NotifierFixtures.jsonBody;
import static io.temporarr.activities.notify.NotifierFixtures.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SlackNotifierTest {

  private static final String HOOK_SECRET = "xOxSeCrEt24chars0000abcd";
  private static final String HOOK_PATH = "/services/T000AAAA/B000BBBB/" + HOOK_SECRET;
  private static final String MESSAGE = "Imported to the library";

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void postsFallbackTextAndHeaderSectionAndContextBlocks() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "ok"));

    boolean sent = slack(null).send(notification(RequestEvent.COMPLETED, "Dune <2021> & more"));

    assertThat(sent).isTrue();
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(HOOK_PATH);
    JsonNode body = jsonBody(request);
    assertThat(body.get("text").asText()).isEqualTo("Dune <2021> & more: Imported to the library");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
    assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("Dune <2021> & more");
    assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(1).get("text").get("text").asText()).isEqualTo("Imported to the library");
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(2).get("elements").get(0).get("text").asText())
        .isEqualTo("media-request:seerr:42");
  }

  @Test
  void notificationWithoutTextsOrWorkflowStillSaysWhatHappened() throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "ok"));

    slack(null).send(new Notification("k", RequestEvent.NEEDS_ATTENTION, " ", null, null, null));

    JsonNode body = jsonBody(take(server));
    assertThat(body.get("text").asText()).isEqualTo("Request needs attention");
    assertThat(body.get("blocks")).hasSize(2);
    assertThat(body.get("blocks").get(1).get("text").get("text").asText())
        .isEqualTo("Request needs attention");
  }

  @Test
  void archivedChannelIsNonRetryableWithoutTheWebhookSecret() {
    server.enqueue(new MockResponse(410, Headers.of(), "channel_is_archived"));

    ApplicationFailure failure =
        failure(
            () -> slack(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.UNEXPECTED_STATUS,
            false);
    assertThat(failure.getMessage())
        .contains("slack 'team'", "410")
        .doesNotContain(HOOK_SECRET, "T000AAAA", "B000BBBB");
  }

  @Test
  void unknownChannelIsNonRetryableNotFound() {
    server.enqueue(new MockResponse(404, Headers.of(), "channel_not_found"));

    ApplicationFailure failure =
        failure(
            () -> slack(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.NOT_FOUND,
            false);
    assertThat(failure.getMessage()).doesNotContain(HOOK_SECRET);
  }

  @Test
  void revokedWebhookIsNonRetryableForbidden() {
    server.enqueue(new MockResponse(403, Headers.of(), "invalid_token"));

    failure(
        () -> slack(null).send(notification(RequestEvent.COMPLETED, "Done")),
        ErrorTypes.FORBIDDEN,
        false);
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    boolean sent =
        slack(Set.of(RequestEvent.FAILED)).send(notification(RequestEvent.COMPLETED, "Done"));

    assertThat(sent).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void settingsRejectMissingPartsAndHideTheWebhookPath() {
    assertThatThrownBy(() -> new SlackSettings(null, server.url(HOOK_PATH), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlackSettings("team", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("team");
    assertThat(new SlackSettings("team", server.url(HOOK_PATH), null).toString())
        .contains("team")
        .doesNotContain(HOOK_SECRET, "T000AAAA");
  }

  private SlackNotifier slack(Set<RequestEvent> events) {
    return new SlackNotifier(client, new SlackSettings("team", server.url(HOOK_PATH), events));
  }

  private static Notification notification(RequestEvent event, String title) {
    return NotifierFixtures.notification(event, title, MESSAGE);
  }
}
