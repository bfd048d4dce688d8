package io.temporarr.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.workflows.common.ErrorTypes;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.NotificationActivities;
import io.temporarr.workflows.notify.RequestEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Generous: the first TestActivityEnvironment of a JVM starts an in-process Temporal service.
@Timeout(60)
class RoutingNotificationActivitiesTest {

  private static final String TOKEN = "tk_0nlyForTests";
  private static final Notification DONE =
      new Notification(
          "media-request:seerr:42:completed",
          RequestEvent.COMPLETED,
          "media-request:seerr:42",
          "Dune",
          "ready",
          "corr-1");

  @StartStop final MockWebServer server = new MockWebServer();

  private TestActivityEnvironment env;

  @AfterEach
  void closeEnvironment() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void sendsThroughTheNamedNotifierOnly() {
    Notifier phone = notifier("phone");
    Notifier webhook = notifier("webhook");

    new RoutingNotificationActivities(List.of(phone, webhook)).sendNotification("webhook", DONE);

    verify(webhook).send(DONE);
    verify(phone, never()).send(DONE);
  }

  @Test
  void unknownNotifierIsANonRetryableConfigurationError() {
    RoutingNotificationActivities activities =
        new RoutingNotificationActivities(List.of(notifier("phone")));

    assertThatThrownBy(() -> activities.sendNotification("pager", DONE))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getMessage()).contains("pager", "phone");
            });
  }

  @Test
  void notificationWithoutEventOrIdempotencyKeyIsRejectedBeforeSending() {
    Notifier phone = notifier("phone");
    RoutingNotificationActivities activities = new RoutingNotificationActivities(List.of(phone));
    Notification noEvent = new Notification("k", null, "wf", "t", "m", null);
    Notification noKey = new Notification(" ", RequestEvent.FAILED, "wf", "t", "m", null);

    assertThatThrownBy(() -> activities.sendNotification("phone", null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ErrorTypes.BAD_REQUEST));
    assertThatThrownBy(() -> activities.sendNotification("phone", noEvent))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
    assertThatThrownBy(() -> activities.sendNotification("phone", noKey))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ErrorTypes.BAD_REQUEST));
    verify(phone, never()).send(noKey);
  }

  @Test
  void twoNotifiersWithTheSameNameAreRejected() {
    assertThatThrownBy(
            () -> new RoutingNotificationActivities(List.of(notifier("a"), notifier("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void temporalSeesNtfyUnauthorizedAsNonRetryableWithoutTheToken() throws Exception {
    server.enqueue(new MockResponse(401, Headers.of(), ""));

    assertThatThrownBy(() -> stubFor(ntfy()).sendNotification("phone", DONE))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.UNAUTHORIZED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).doesNotContain(TOKEN);
            });
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void temporalSeesNtfyRateLimitAsRetryableWithTheServersDelay() {
    server.enqueue(new MockResponse(429, Headers.of("Retry-After", "12"), ""));

    assertThatThrownBy(() -> stubFor(ntfy()).sendNotification("phone", DONE))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
            });
  }

  @Test
  void temporalSeesDiscordRateLimitAsRetryableWithTheBodysDelay() {
    server.enqueue(new MockResponse(429, Headers.of(), "{\"retry_after\":4.2,\"global\":false}"));
    DiscordNotifier discord =
        new DiscordNotifier(
            HttpClients.create(),
            new DiscordSettings("chat", server.url("/api/webhooks/1/hooktoken"), null, null));

    assertThatThrownBy(() -> stubFor(discord).sendNotification("chat", DONE))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.RATE_LIMITED);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(5));
              assertThat(failure.getOriginalMessage()).doesNotContain("hooktoken");
            });
  }

  @Test
  void temporalSeesAnUnknownNotifierAsNonRetryableConfigurationError() {
    assertThatThrownBy(() -> stubFor(ntfy()).sendNotification("pager", DONE))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.CONFIGURATION);
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isZero();
  }

  private NotificationActivities stubFor(Notifier notifier) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new RoutingNotificationActivities(List.of(notifier)));
    return env.newActivityStub(
        NotificationActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            // One attempt: the test asserts what the retry policy would be told, not the retries.
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private NtfyNotifier ntfy() {
    return new NtfyNotifier(
        HttpClients.create(),
        new NtfySettings("phone", server.url("/"), "alerts", TOKEN, null, null, null, null));
  }

  private static Notifier notifier(String name) {
    Notifier notifier = mock(Notifier.class);
    when(notifier.name()).thenReturn(name);
    return notifier;
  }
}
