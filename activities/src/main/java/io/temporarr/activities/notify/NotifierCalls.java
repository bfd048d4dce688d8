package io.temporarr.activities.notify;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpFailures;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Runs a notifier's call through {@link HttpCalls} and keeps the failure type, retryability and
 * retry delay, but drops the URL path from the message: notifier URLs carry their secret there
 * (Slack and Discord hook tokens, unguessable ntfy topics on public servers), and failure messages
 * end up in workflow histories and the Web UI.
 */
final class NotifierCalls {

  private NotifierCalls() {}

  static void send(OkHttpClient client, Request request, String service) {
    try {
      HttpCalls.executeDiscarding(client, request, service);
    } catch (ApplicationFailure failure) {
      throw withoutPath(failure, request.url());
    }
  }

  static ApplicationFailure withoutPath(ApplicationFailure failure, HttpUrl url) {
    String shown = HttpFailures.redact(url);
    String hidden = url.scheme() + "://" + url.host() + ":" + url.port() + "/…";
    return ApplicationFailure.newBuilder(failure)
        .setMessage(failure.getOriginalMessage().replace(shown, hidden))
        .build();
  }
}
