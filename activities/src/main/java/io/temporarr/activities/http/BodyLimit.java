package io.temporarr.activities.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Bounds what a peer can make the worker read: an answer whose {@code Content-Length} is above the
 * limit is refused before its body is read, and one without (chunked, or lying) fails as soon as
 * more than the limit has arrived. The body is streamed, never buffered whole, so a 50 MB or
 * endless answer costs at most the limit. Interceptors stack: a client that adds a smaller limit to
 * the shared client's gets the smaller one.
 *
 * <p>The failure is a {@link TooLargeException} (an {@link IOException}, so it travels through
 * parsers unchanged), which {@link HttpCalls} turns into a non-retryable {@code MalformedResponse}:
 * the same answer would come back.
 */
public final class BodyLimit implements Interceptor {

  private final long maxBytes;

  public BodyLimit(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the body limit must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxBytes) {
      response.close();
      throw new TooLargeException(maxBytes);
    }
    Source limited =
        new ForwardingSource(body.source()) {
          private long read;

          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            long n = super.read(sink, byteCount);
            if (n > 0) {
              read += n;
              if (read > maxBytes) {
                throw new TooLargeException(maxBytes);
              }
            }
            return n;
          }
        };
    return response
        .newBuilder()
        .body(ResponseBody.create(Okio.buffer(limited), body.contentType(), declared))
        .build();
  }

  /** "8 MiB", "512 KiB", "100 bytes": how messages and docs name a limit. */
  public static String describe(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }

  /** The answer is larger than the limit; its body was not (or not wholly) read. */
  public static final class TooLargeException extends IOException {
    private final long limit;

    TooLargeException(long limit) {
      super("the answer is larger than " + describe(limit));
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }
}
