package io.temporarr.gateway.security;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.BodyReadTimeoutException;
import io.temporarr.gateway.problem.BodyTooLargeException;
import io.temporarr.gateway.problem.GatewayProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@code temporarr.gateway.max-body-size}. A declared length over the cap
 * fails as soon as the body (or a form parameter) is first read; a body of unknown length fails
 * once the cap is passed. Either way the failure surfaces inside Spring MVC, so it is answered as a
 * 413 problem like every other error, and only after the credential check.
 *
 * <p>The whole body must also arrive within {@code temporarr.gateway.admission.body-read-timeout}
 * from its first read: a body trickled slower (a slowloris holding a request thread) fails the next
 * read after the deadline, answered as a 408 problem. One blocking read can still wait up to
 * Tomcat's {@code server.tomcat.connection-timeout}, so the thread is held at most the sum.
 *
 * <p>Form bodies are parsed by Tomcat itself, which stops at its own post size limit (set to the
 * same cap by {@link ProtectionConfiguration}). For a chunked form body Tomcat does not fail but
 * drops every parameter and records why; the wrapper turns that record into the same 413.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {
  /**
   * Tomcat's request attribute ({@code Globals.PARAMETER_PARSE_FAILED_REASON_ATTR}) holding why
   * form parsing failed; named here so the filter does not depend on Tomcat classes.
   */
  static final String PARSE_FAILURE_ATTRIBUTE = "org.apache.catalina.parameter_parse_failed_reason";

  /** The {@code Parameters.FailReason} of a form body over the post size limit. */
  static final String POST_TOO_LARGE = "POST_TOO_LARGE";

  private final long limit;
  private final Duration readTimeout;

  BodySizeLimitFilter(GatewayProperties properties, AdmissionProperties admission) {
    this.limit = properties.maxBodySize().toBytes();
    this.readTimeout = admission.bodyReadTimeout();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new LimitedRequest(request, limit, readTimeout), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private final Duration readTimeout;
    private LimitedInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit, Duration readTimeout) {
      super(request);
      this.limit = limit;
      this.readTimeout = readTimeout;
    }

    private void checkDeclaredLength() {
      if (getContentLengthLong() > limit) {
        throw GatewayProblem.payloadTooLarge(limit);
      }
    }

    /** Reads form parameters, failing with 413 when Tomcat refused the body as too large. */
    private <T> T parameters(Supplier<T> read) {
      checkDeclaredLength();
      T value = read.get();
      Object failure = getAttribute(PARSE_FAILURE_ATTRIBUTE);
      if (failure != null && POST_TOO_LARGE.equals(failure.toString())) {
        throw GatewayProblem.payloadTooLarge(limit);
      }
      return value;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      checkDeclaredLength();
      // One stream per request, so the deadline runs from the first read whoever asks again.
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit, readTimeout);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      checkDeclaredLength();
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    // Form parameters are parsed by the container from the body, so they are guarded too.
    @Override
    public String getParameter(String name) {
      return parameters(() -> super.getParameter(name));
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters(super::getParameterMap);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return parameters(super::getParameterNames);
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters(() -> super.getParameterValues(name));
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long limit;
    private final Duration readTimeout;
    private long count;
    private long startedAt;
    private boolean started;

    LimitedInputStream(ServletInputStream delegate, long limit, Duration readTimeout) {
      this.delegate = delegate;
      this.limit = limit;
      this.readTimeout = readTimeout;
    }

    /** Starts the deadline at the first read; fails every read that begins or ends after it. */
    private void checkDeadline() throws BodyReadTimeoutException {
      long now = System.nanoTime();
      if (!started) {
        started = true;
        startedAt = now;
      } else if (now - startedAt > readTimeout.toNanos()) {
        throw new BodyReadTimeoutException(readTimeout);
      }
    }

    @Override
    public int read() throws IOException {
      checkDeadline();
      int b = delegate.read();
      checkDeadline();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      checkDeadline();
      int n = delegate.read(buffer, offset, length);
      checkDeadline();
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
