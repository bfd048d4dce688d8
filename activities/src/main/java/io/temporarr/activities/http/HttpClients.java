package io.temporarr.activities.http;

import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The shared {@link OkHttpClient}. Clients specialise it with {@code newBuilder()} so they share
 * the connection pool and dispatcher.
 */
public final class HttpClients {

  /**
   * Longest answer any peer may send (a qBittorrent full sync with ten thousand torrents is about
   * 20 MB); indexers get a much smaller bound of their own.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  private HttpClients() {}

  /**
   * Timeouts stay below the default activity start-to-close timeout so a hung peer surfaces as a
   * retryable {@code NetworkError} inside the attempt. OkHttp's silent retry on connection failure
   * is off: Temporal's retry policy is the only retry authority (visible, bounded, with backoff)
   * for a request that may have reached the server; a pooled connection the server closed before
   * the request was written is replaced transparently ({@link StaleConnections}, ADR 0005). Every
   * call carries the request's correlation ID ({@link CorrelationInterceptor}).
   */
  public static OkHttpClient create() {
    return create(DEFAULT_MAX_BODY_BYTES);
  }

  /** As {@link #create()}, with no answer read beyond {@code maxBodyBytes} ({@link BodyLimit}). */
  public static OkHttpClient create(long maxBodyBytes) {
    return StaleConnections.install(new OkHttpClient.Builder())
        .addInterceptor(new BodyLimit(maxBodyBytes))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(20))
        .writeTimeout(Duration.ofSeconds(20))
        .callTimeout(Duration.ofSeconds(30))
        .retryOnConnectionFailure(false)
        .followRedirects(true)
        .addInterceptor(new CorrelationInterceptor())
        .build();
  }

  /**
   * {@code client} sending {@code headers} (credentials) on every call and following no redirect:
   * OkHttp drops only {@code Authorization} on a cross-host redirect and keeps custom headers such
   * as {@code X-Api-Key}, so without redirects a credential only ever goes to the configured host.
   */
  public static OkHttpClient withCredentialHeaders(
      OkHttpClient client, Map<String, String> headers) {
    Map<String, String> copy = Map.copyOf(headers);
    return client
        .newBuilder()
        .followRedirects(false)
        .addInterceptor(
            chain -> {
              Request.Builder request = chain.request().newBuilder();
              copy.forEach(request::header);
              return chain.proceed(request.build());
            })
        .build();
  }
}
