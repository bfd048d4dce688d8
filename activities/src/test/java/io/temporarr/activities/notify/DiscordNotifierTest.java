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
import java.time.Duration;
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
class DiscordNotifierTest {

  private static final String HOOK_TOKEN = "dIsCoRdHoOkT0ken_abc";
  private static final String HOOK_PATH = "/api/webhooks/1234567890/" + HOOK_TOKEN;
  private static final String MESSAGE = "No release after 3 searches";

  @StartStop final MockWebServer server = new MockWebServer();

  private final OkHttpClient client = HttpClients.create();

  @Test
  void postsOneEmbedWithEventColourAndWorkflowIdFooter() throws Exception {
    server.enqueue(new MockResponse(204, Headers.of(), ""));

    boolean sent = discord(null).send(notification(RequestEvent.FAILED, "Dune failed"));

    assertThat(sent).isTrue();
    RecordedRequest request = take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo(HOOK_PATH);
    JsonNode body = jsonBody(request);
    assertThat(body.get("username").asText()).isEqualTo("Temporarr");
    assertThat(body.get("embeds")).hasSize(1);
    JsonNode embed = body.get("embeds").get(0);
    assertThat(embed.get("title").asText()).isEqualTo("Dune failed");
    assertThat(embed.get("description").asText()).isEqualTo("No release after 3 searches");
    assertThat(embed.get("color").asInt()).isEqualTo(0xE74C3C);
    assertThat(embed.get("footer").get("text").asText()).isEqualTo("media-request:seerr:42");
  }

  @Test
  void everyEventHasItsOwnColour() {
    assertThat(DiscordNotifier.color(RequestEvent.STARTED)).isEqualTo(0x3498DB);
    assertThat(DiscordNotifier.color(RequestEvent.COMPLETED)).isEqualTo(0x2ECC71);
    assertThat(DiscordNotifier.color(RequestEvent.NEEDS_ATTENTION)).isEqualTo(0xF39C12);
    assertThat(DiscordNotifier.color(RequestEvent.FAILED)).isEqualTo(0xE74C3C);
  }

  @Test
  void configuredUsernameAndDefaultTextsFillANotificationWithoutTitleOrWorkflow() throws Exception {
    server.enqueue(new MockResponse(204, Headers.of(), ""));
    DiscordSettings settings =
        new DiscordSettings("chat", server.url(HOOK_PATH), "Media bot", null);

    new DiscordNotifier(client, settings)
        .send(new Notification("k", RequestEvent.COMPLETED, null, null, null, null));

    JsonNode body = jsonBody(take(server));
    assertThat(body.get("username").asText()).isEqualTo("Media bot");
    JsonNode embed = body.get("embeds").get(0);
    assertThat(embed.get("title").asText()).isEqualTo("Request completed");
    assertThat(embed.get("description").asText()).isEqualTo("Request completed");
    assertThat(embed.has("footer")).isFalse();
  }

  @Test
  void titlesLongerThanDiscordAllowsAreCutInsteadOfRejected() throws Exception {
    server.enqueue(new MockResponse(204, Headers.of(), ""));

    discord(null).send(notification(RequestEvent.COMPLETED, "x".repeat(300)));

    String title = jsonBody(take(server)).get("embeds").get(0).get("title").asText();
    assertThat(title).hasSize(256).endsWith("…");
  }

  @Test
  void rateLimitWithOnlyABodyDelayIsRetryableAfterThatDelayRoundedUp() {
    server.enqueue(
        new MockResponse(429, Headers.of(), "{\"message\":\"rate limited\",\"retry_after\":2.4}"));

    ApplicationFailure failure =
        failure(
            () -> discord(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.RATE_LIMITED,
            true);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(failure.getMessage()).doesNotContain(HOOK_TOKEN, "1234567890");
  }

  @Test
  void rateLimitHeaderIsUsedWhenDiscordSendsOne() {
    server.enqueue(new MockResponse(429, Headers.of("Retry-After", "7"), "{\"retry_after\":6.2}"));

    assertThatThrownBy(() -> discord(null).send(notification(RequestEvent.COMPLETED, "Done")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void rateLimitWithoutAnyDelayIsRetryableOnTheDefaultSchedule() {
    server.enqueue(new MockResponse(429, Headers.of(), "<html>slow down</html>"));

    ApplicationFailure failure =
        failure(
            () -> discord(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.RATE_LIMITED,
            true);
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void bodyDelayIsReadOnlyFromANonNegativeNumber() {
    assertThat(DiscordNotifier.retryAfterSeconds("{\"retry_after\":0.5}")).isEqualTo(1L);
    assertThat(DiscordNotifier.retryAfterSeconds("{\"retry_after\":-1}")).isNull();
    assertThat(DiscordNotifier.retryAfterSeconds("{\"retry_after\":\"soon\"}")).isNull();
    assertThat(DiscordNotifier.retryAfterSeconds("{}")).isNull();
    assertThat(DiscordNotifier.retryAfterSeconds("")).isNull();
    assertThat(DiscordNotifier.retryAfterSeconds("not json")).isNull();
  }

  @Test
  void unknownWebhookIsNonRetryableNotFoundWithoutTheWebhookToken() {
    server.enqueue(
        new MockResponse(404, Headers.of(), "{\"message\":\"Unknown Webhook\",\"code\":10015}"));

    ApplicationFailure failure =
        failure(
            () -> discord(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.NOT_FOUND,
            false);
    assertThat(failure.getMessage())
        .contains("discord 'chat'", "404", server.getHostName())
        .doesNotContain(HOOK_TOKEN, "1234567890", "webhooks");
  }

  @Test
  void invalidTokenIsNonRetryableUnauthorizedWithoutTheWebhookToken() {
    server.enqueue(new MockResponse(401, Headers.of(), "{\"message\":\"401: Unauthorized\"}"));

    ApplicationFailure failure =
        failure(
            () -> discord(null).send(notification(RequestEvent.COMPLETED, "Done")),
            ErrorTypes.UNAUTHORIZED,
            false);
    assertThat(failure.getMessage()).doesNotContain(HOOK_TOKEN);
  }

  @Test
  void eventOutsideTheFilterIsSkippedWithoutACall() {
    boolean sent =
        discord(Set.of(RequestEvent.FAILED)).send(notification(RequestEvent.STARTED, "Started"));

    assertThat(sent).isFalse();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void settingsRejectMissingPartsAndHideTheWebhookToken() {
    assertThatThrownBy(() -> new DiscordSettings(" ", server.url(HOOK_PATH), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DiscordSettings("chat", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chat");
    assertThatThrownBy(
            () -> new DiscordSettings("chat", server.url(HOOK_PATH), "n".repeat(81), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("80");
    assertThat(new DiscordSettings("chat", server.url(HOOK_PATH), null, null).toString())
        .contains("chat", server.getHostName())
        .doesNotContain(HOOK_TOKEN, "1234567890");
  }

  private DiscordNotifier discord(Set<RequestEvent> events) {
    return new DiscordNotifier(
        client, new DiscordSettings("chat", server.url(HOOK_PATH), null, events));
  }

  private static Notification notification(RequestEvent event, String title) {
    return NotifierFixtures.notification(event, title, MESSAGE);
  }
}
