package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.notify.AppriseNotifier;
import io.temporarr.activities.notify.DiscordNotifier;
import io.temporarr.activities.notify.GotifyNotifier;
import io.temporarr.activities.notify.Notifier;
import io.temporarr.activities.notify.NtfyNotifier;
import io.temporarr.activities.notify.RoutingNotificationActivities;
import io.temporarr.activities.notify.SlackNotifier;
import io.temporarr.activities.notify.WebhookNotifier;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.notify.NotificationActivities;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link NotificationActivities} port: every configured notifier, in configured order. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

  @Bean(WorkerRegistration.NOTIFICATION_ACTIVITIES)
  RoutingNotificationActivities notificationActivities(
      IntegrationProperties properties, OkHttpClient temporarrHttpClient) {
    List<Notifier> notifiers = new ArrayList<>();
    properties
        .notifiers()
        .forEach((name, notifier) -> notifiers.add(notifier(name, notifier, temporarrHttpClient)));
    return new RoutingNotificationActivities(notifiers);
  }

  private static Notifier notifier(String name, NotifierProperties notifier, OkHttpClient http) {
    String key = "temporarr.notifiers." + name;
    return switch (notifier.type()) {
      case NTFY -> new NtfyNotifier(http, checked(key, () -> notifier.toNtfySettings(name)));
      case WEBHOOK ->
          new WebhookNotifier(http, checked(key, () -> notifier.toWebhookSettings(name)));
      case DISCORD ->
          new DiscordNotifier(http, checked(key, () -> notifier.toDiscordSettings(name)));
      case SLACK -> new SlackNotifier(http, checked(key, () -> notifier.toSlackSettings(name)));
      case GOTIFY -> new GotifyNotifier(http, checked(key, () -> notifier.toGotifySettings(name)));
      case APPRISE ->
          new AppriseNotifier(http, checked(key, () -> notifier.toAppriseSettings(name)));
    };
  }
}
