package io.temporarr.activities.http;

import java.io.IOException;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.MDC;

/**
 * Adds {@value #HEADER} to every outbound call, from the {@value #MDC_KEY} entry of the calling
 * thread's MDC (the worker puts the request's correlation ID there for every activity), so a
 * request can be followed into the logs of the systems it calls. Without a value, or with one that
 * does not look like an ID (it goes into a header verbatim), the call goes out unchanged.
 */
public final class CorrelationInterceptor implements Interceptor {

  /** The MDC key holding the current request's correlation ID. */
  public static final String MDC_KEY = "correlationId";

  public static final String HEADER = "X-Correlation-Id";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String id = MDC.get(MDC_KEY);
    if (id == null || !ID.matcher(id).matches() || request.header(HEADER) != null) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header(HEADER, id).build());
  }
}
