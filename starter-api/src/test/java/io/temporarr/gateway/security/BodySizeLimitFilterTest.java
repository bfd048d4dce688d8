package io.temporarr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.problem.BodyTooLargeException;
import io.temporarr.gateway.problem.GatewayProblem;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class BodySizeLimitFilterTest {
  private static final int LIMIT = 16;

  private final BodySizeLimitFilter filter =
      new BodySizeLimitFilter(
          new GatewayProperties(
              new GatewayProperties.Seerr("s"),
              new GatewayProperties.Qbittorrent("q"),
              new GatewayProperties.Operator("o"),
              DataSize.ofBytes(LIMIT),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              new GatewayProperties.Events(List.of("whsec_unused")),
              new GatewayProperties.Json(32, 65536),
              new GatewayProperties.RateLimits(null, null, null, null),
              new GatewayProperties.Ssrf(List.of())),
          new AdmissionProperties(10_000, 20, Duration.ofSeconds(1), Duration.ofSeconds(10)));

  @Test
  void bodyOfUnknownLengthFailsOnceItPassesTheLimit() throws Exception {
    ServletRequest seen = filtered(chunked("x".repeat(LIMIT + 1)));

    assertThatThrownBy(() -> seen.getInputStream().readAllBytes())
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining(Integer.toString(LIMIT));
  }

  @Test
  void bodyOfUnknownLengthWithinTheLimitIsReadWhole() throws Exception {
    ServletRequest seen = filtered(chunked("x".repeat(LIMIT)));

    assertThat(new String(seen.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .hasSize(LIMIT);
  }

  @Test
  void readerIsLimitedToo() throws Exception {
    ServletRequest seen = filtered(chunked("y".repeat(LIMIT * 2)));

    assertThatThrownBy(() -> seen.getReader().lines().count())
        .hasRootCauseInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void declaredLengthOverTheLimitFailsBeforeAnyByteIsRead() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/seerr");
    request.setContent(new byte[LIMIT + 1]);
    ServletRequest seen = filtered(request);

    assertThatThrownBy(seen::getInputStream)
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    assertThatThrownBy(() -> seen.getParameter("hash")).isInstanceOf(GatewayProblem.class);
  }

  @Test
  void formBodyTheContainerRefusedAsTooLargeIsPayloadTooLarge() throws Exception {
    MockHttpServletRequest request = chunked("tags=media-request:seerr:1");
    request.setContentType("application/x-www-form-urlencoded");
    // What Tomcat records when a chunked form body passes its post size limit.
    request.setAttribute(
        BodySizeLimitFilter.PARSE_FAILURE_ATTRIBUTE, BodySizeLimitFilter.POST_TOO_LARGE);
    ServletRequest seen = filtered(request);

    assertThatThrownBy(() -> seen.getParameter("tags"))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
    assertThatThrownBy(seen::getParameterMap).isInstanceOf(GatewayProblem.class);
    assertThatThrownBy(seen::getParameterNames).isInstanceOf(GatewayProblem.class);
    assertThatThrownBy(() -> seen.getParameterValues("tags")).isInstanceOf(GatewayProblem.class);
  }

  @Test
  void formBodyWithinTheLimitIsReadAsParameters() throws Exception {
    MockHttpServletRequest request = chunked("");
    request.addParameter("tags", "media-request:seerr:1");
    ServletRequest seen = filtered(request);

    assertThat(seen.getParameter("tags")).isEqualTo("media-request:seerr:1");
    assertThat(seen.getParameterValues("tags")).containsExactly("media-request:seerr:1");
    assertThat(seen.getParameterMap()).containsKey("tags");
    assertThat(seen.getParameterNames().nextElement()).isEqualTo("tags");
  }

  private ServletRequest filtered(MockHttpServletRequest request) throws Exception {
    AtomicReference<ServletRequest> seen = new AtomicReference<>();
    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(req));
    return seen.get();
  }

  /** A request whose length is not declared, like a chunked upload. */
  private static MockHttpServletRequest chunked(String body) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/webhooks/seerr") {
          @Override
          public long getContentLengthLong() {
            return -1;
          }

          @Override
          public int getContentLength() {
            return -1;
          }
        };
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
