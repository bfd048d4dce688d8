package io.temporarr.activities.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpFailures;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Runs a notifier's call through {@link HttpCalls} and keeps the failure type, retryability and
 * retry delay, but drops the URL path from the message: notifier URLs carry their secret there
 * (Slack and Discord hook tokens, unguessable ntfy topics on public servers), and failure messages
 * end up in workflow histories and the Web UI.
 */
final class NotifierCalls {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NotifierCalls() {}

  /**
   * The client without redirects: a redirect would carry the secret URL path or credential headers
   * to wherever Location points and turn the POST into a GET. Failing instead (UnexpectedStatus)
   * lets the operator fix the URL.
   */
  static OkHttpClient.Builder withoutRedirects(OkHttpClient client) {
    return client.newBuilder().followRedirects(false);
  }

  /** Serialises a payload built from strings, numbers, lists and maps. */
  static RequestBody json(Object payload) {
    try {
      return RequestBody.create(MAPPER.writeValueAsString(payload), JSON);
    } catch (JsonProcessingException e) {
      // Plain strings, numbers, lists and maps always serialise; reaching this is a bug.
      throw new IllegalStateException("cannot serialise notification payload", e);
    }
  }

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
