package io.temporarr.activities.http;

import io.temporarr.workflows.common.CorrelationPropagator;
import java.io.IOException;
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
  public static final String MDC_KEY = CorrelationPropagator.MDC_KEY;

  public static final String HEADER = CorrelationPropagator.HTTP_HEADER;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String id = MDC.get(MDC_KEY);
    if (!CorrelationPropagator.isWellFormed(id) || request.header(HEADER) != null) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header(HEADER, id).build());
  }
}
