package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/** Item 11 of issue 16: no peer makes the worker read more than the bound. */
@org.junit.jupiter.api.Timeout(30)
class BodyLimitTest {
  private static final long ONE_MIB = 1024 * 1024;

  @StartStop public final MockWebServer server = new MockWebServer();

  private static String read(OkHttpClient client, Request request) {
    return HttpCalls.execute(client, request, "Test", response -> response.body().string());
  }

  @Test
  void anEndlessBodyFailsAfterTheLimitInsteadOfFillingTheHeap() {
    AtomicLong served = new AtomicLong();
    Source endless =
        new Source() {
          @Override
          public long read(Buffer sink, long byteCount) {
            sink.write(new byte[(int) byteCount]);
            served.addAndGet(byteCount);
            return byteCount;
          }

          @Override
          public Timeout timeout() {
            return Timeout.NONE;
          }

          @Override
          public void close() {}
        };
    OkHttpClient client =
        HttpClients.create(ONE_MIB)
            .newBuilder()
            .addInterceptor(
                chain ->
                    new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(ResponseBody.create(Okio.buffer(endless), null, -1))
                        .build())
            .build();

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> read(client, new Request.Builder().url(server.url("/endless")).build()));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("larger than 1 MiB");
    assertThat(served.get()).isLessThan(2 * ONE_MIB);
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead() {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[2 << 20])).build());

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                read(
                    HttpClients.create(ONE_MIB),
                    new Request.Builder().url(server.url("/")).build()));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.MALFORMED_RESPONSE);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void anAnswerWithinTheLimitIsReadWhole() {
    server.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(1000), 100).build());

    String body =
        read(HttpClients.create(1000), new Request.Builder().url(server.url("/")).build());

    assertThat(body).hasSize(1000);
  }

  @Test
  void describesLimitsInBinaryUnits() {
    assertThat(BodyLimit.describe(8 * ONE_MIB)).isEqualTo("8 MiB");
    assertThat(BodyLimit.describe(512 * 1024)).isEqualTo("512 KiB");
    assertThat(BodyLimit.describe(1000)).isEqualTo("1000 bytes");
  }
}
