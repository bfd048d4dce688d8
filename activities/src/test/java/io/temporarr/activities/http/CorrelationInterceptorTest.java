package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

@Timeout(10)
class CorrelationInterceptorTest {

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient http = HttpClients.create();

  @AfterEach
  void clearMdc() {
    MDC.remove(CorrelationInterceptor.MDC_KEY);
  }

  private RecordedRequest call(Request.Builder request) throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    try (Response response = http.newCall(request.url(server.url("/x")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void everyCallOfTheSharedClientCarriesTheCorrelationIdOfTheMdc() throws Exception {
    MDC.put(CorrelationInterceptor.MDC_KEY, "media-request:seerr:42");

    RecordedRequest sent = call(new Request.Builder());

    assertThat(sent.getHeaders().get("X-Correlation-Id")).isEqualTo("media-request:seerr:42");
  }

  @Test
  void withoutACorrelationIdTheCallGoesOutUnchanged() throws Exception {
    RecordedRequest sent = call(new Request.Builder());

    assertThat(sent.getHeaders().get("X-Correlation-Id")).isNull();
  }

  @Test
  void aValueThatIsNotAnIdIsNotCopiedIntoAHeader() throws Exception {
    MDC.put(CorrelationInterceptor.MDC_KEY, "evil\r\nX-Injected: 1");

    RecordedRequest sent = call(new Request.Builder());

    assertThat(sent.getHeaders().get("X-Correlation-Id")).isNull();
    assertThat(sent.getHeaders().get("X-Injected")).isNull();
  }

  @Test
  void aHeaderSetByTheCallerWins() throws Exception {
    MDC.put(CorrelationInterceptor.MDC_KEY, "from-mdc");

    RecordedRequest sent = call(new Request.Builder().header("X-Correlation-Id", "explicit"));

    assertThat(sent.getHeaders().get("X-Correlation-Id")).isEqualTo("explicit");
  }
}
