package io.temporarr.worker.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporarr.activities.notify.RoutingNotificationActivities;
import io.temporarr.worker.FailureReports;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each notifier type binds from {@code temporarr.notifiers.<name>} and the built notifier sends to
 * the configured place; settings that cannot work stop start-up naming the key and the fix.
 */
@Timeout(60)
class NotifierConfigurationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Notification FAILED =
      new Notification(
          "media-request:seerr:7:failed",
          RequestEvent.FAILED,
          "media-request:seerr:7",
          "Dune failed",
          "No release found",
          "corr-9");

  @StartStop final MockWebServer server = new MockWebServer();

  private final ApplicationContextRunner worker =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(IntegrationsConfiguration.class);

  @Test
  void discordBindsItsWebhookUrlAndUsername() throws Exception {
    RecordedRequest request =
        sendThrough(
            "chat",
            "temporarr.notifiers.chat.type=discord",
            "temporarr.notifiers.chat.url=" + server.url("/api/webhooks/1/hooktoken"),
            "temporarr.notifiers.chat.username=Media bot");

    assertThat(request.getTarget()).isEqualTo("/api/webhooks/1/hooktoken");
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.get("username").asText()).isEqualTo("Media bot");
    assertThat(body.get("embeds").get(0).get("title").asText()).isEqualTo("Dune failed");
  }

  @Test
  void slackBindsItsWebhookUrl() throws Exception {
    RecordedRequest request =
        sendThrough(
            "team",
            "temporarr.notifiers.team.type=slack",
            "temporarr.notifiers.team.url=" + server.url("/services/T1/B2/secret"));

    assertThat(request.getTarget()).isEqualTo("/services/T1/B2/secret");
    assertThat(JSON.readTree(request.getBody().utf8()).get("text").asText())
        .isEqualTo("Dune failed: No release found");
  }

  @Test
  void gotifyBindsItsTokenAndPriorities() throws Exception {
    RecordedRequest request =
        sendThrough(
            "push",
            "temporarr.notifiers.push.type=gotify",
            "temporarr.notifiers.push.url=" + server.url("/"),
            "temporarr.notifiers.push.token=AppT0ken",
            "temporarr.notifiers.push.priorities.FAILED=10");

    assertThat(request.getTarget()).isEqualTo("/message");
    assertThat(request.getHeaders().get("X-Gotify-Key")).isEqualTo("AppT0ken");
    assertThat(JSON.readTree(request.getBody().utf8()).get("priority").asInt()).isEqualTo(10);
  }

  @Test
  void appriseBindsAStatefulKey() throws Exception {
    RecordedRequest request =
        sendThrough(
            "fanout",
            "temporarr.notifiers.fanout.type=apprise",
            "temporarr.notifiers.fanout.url=" + server.url("/"),
            "temporarr.notifiers.fanout.key=temporarr");

    assertThat(request.getTarget()).isEqualTo("/notify/temporarr");
    assertThat(JSON.readTree(request.getBody().utf8()).get("type").asText()).isEqualTo("failure");
  }

  @Test
  void appriseBindsStatelessUrls() throws Exception {
    RecordedRequest request =
        sendThrough(
            "fanout",
            "temporarr.notifiers.fanout.type=apprise",
            "temporarr.notifiers.fanout.url=" + server.url("/"),
            "temporarr.notifiers.fanout.urls[0]=tgram://bot:token/1",
            "temporarr.notifiers.fanout.urls[1]=mailto://u:p@example.org");

    assertThat(request.getTarget()).isEqualTo("/notify");
    assertThat(JSON.readTree(request.getBody().utf8()).get("urls").asText())
        .isEqualTo("tgram://bot:token/1,mailto://u:p@example.org");
  }

  @Test
  void gotifyWithoutTokenStopsStartUpNamingTheKeyAndTheFix() {
    worker
        .withPropertyValues(
            "temporarr.notifiers.push.type=gotify",
            "temporarr.notifiers.push.url=" + server.url("/"))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.notifiers.push.token")
                  .contains("application token")
                  .contains("Create an application in Gotify");
            });
  }

  @Test
  void appriseWithBothKeyAndUrlsStopsStartUpWithoutShowingTheUrls() {
    worker
        .withPropertyValues(
            "temporarr.notifiers.fanout.type=apprise",
            "temporarr.notifiers.fanout.url=" + server.url("/"),
            "temporarr.notifiers.fanout.key=temporarr",
            "temporarr.notifiers.fanout.urls[0]=tgram://bot:SeCrEt/1")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.notifiers.fanout.key", "not both")
                  .doesNotContain("SeCrEt");
            });
  }

  @Test
  void appriseWithNeitherKeyNorUrlsStopsStartUp() {
    worker
        .withPropertyValues(
            "temporarr.notifiers.fanout.type=apprise",
            "temporarr.notifiers.fanout.url=" + server.url("/"))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.notifiers.fanout.key", "both unset");
            });
  }

  @Test
  void discordWithoutUrlStopsStartUpNamingTheKey() {
    worker
        .withPropertyValues("temporarr.notifiers.chat.type=discord")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(FailureReports.report(context.getStartupFailure()))
                  .contains("temporarr.notifiers[chat].url")
                  .contains("must not be null");
            });
  }

  /**
   * Starts the worker's activities with the extra notifier and sends one notification through it.
   */
  private RecordedRequest sendThrough(String name, String... properties) throws Exception {
    server.enqueue(new MockResponse(200, Headers.of(), "ok"));
    worker
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(RoutingNotificationActivities.class).sendNotification(name, FAILED);
            });
    return server.takeRequest(5, TimeUnit.SECONDS);
  }
}
