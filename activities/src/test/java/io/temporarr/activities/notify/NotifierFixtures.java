package io.temporarr.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.notify.Notification;
import io.temporarr.workflows.notify.RequestEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The notification, request and failure checks the chat notifier tests share. */
final class NotifierFixtures {

  static final String WORKFLOW_ID = "media-request:seerr:42";

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotifierFixtures() {}

  static Notification notification(RequestEvent event, String title, String message) {
    return new Notification(
        WORKFLOW_ID + ":" + event, event, WORKFLOW_ID, title, message, "corr-1");
  }

  /** The next request the server received; fails the test when none came within 5 s. */
  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request sent").isNotNull();
    return request;
  }

  /** The request's JSON body, after checking it was sent as JSON. */
  static JsonNode jsonBody(RecordedRequest request) throws IOException {
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    return JSON.readTree(request.getBody().utf8());
  }

  /** Runs the send, which must fail with this type and retryability; returns the failure. */
  static ApplicationFailure failure(ThrowingCallable send, String type, boolean retryable) {
    Throwable thrown = catchThrowable(send);
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown;
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
    return failure;
  }
}
