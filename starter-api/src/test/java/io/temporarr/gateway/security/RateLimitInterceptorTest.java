package io.temporarr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.inbox.InboxKind;
import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.gateway.problem.GatewayProblem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/**
 * Past its budget, a sender that never retries (Seerr) is let into the inbox, except above the
 * inbox's high-water mark (503), without an inbox (429) or while its deliveries fail (429); a
 * sender that retries gets 429 as before. Budgets of one request per hour, so only the second
 * request of each test is past it.
 */
class RateLimitInterceptorTest {
  private static final int HIGH_WATER_MARK = 2;

  @TempDir Path dir;
  private InboxStore inbox;

  @BeforeEach
  void open() {
    inbox = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    inbox.close();
  }

  @Test
  void seerrPastItsBudgetGoesToTheInbox() throws Exception {
    RateLimitInterceptor interceptor = interceptor(inbox);
    MockHttpServletRequest first = new MockHttpServletRequest();
    MockHttpServletRequest second = new MockHttpServletRequest();

    assertThat(interceptor.preHandle(first, new MockHttpServletResponse(), handler(Seerr.class)))
        .isTrue();
    assertThat(interceptor.preHandle(second, new MockHttpServletResponse(), handler(Seerr.class)))
        .isTrue();

    assertThat(first.getAttribute(BurstAdmission.ATTRIBUTE)).isNull();
    assertThat(second.getAttribute(BurstAdmission.ATTRIBUTE)).isEqualTo(Boolean.TRUE);
  }

  @Test
  void aboveTheHighWaterMarkSeerrPastItsBudgetGets503WithRetryAfter() throws Exception {
    RateLimitInterceptor interceptor = interceptor(inbox);
    for (int i = 0; i < HIGH_WATER_MARK; i++) {
      inbox.enqueue(InboxKind.START, "media-request:seerr:" + i, "evt-" + i, "{}");
    }
    interceptor.preHandle(
        new MockHttpServletRequest(), new MockHttpServletResponse(), handler(Seerr.class));

    assertThatThrownBy(
            () ->
                interceptor.preHandle(
                    new MockHttpServletRequest(),
                    new MockHttpServletResponse(),
                    handler(Seerr.class)))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> {
              assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(problem.getBody().getType())
                  .isEqualTo(GatewayProblem.INBOX_ABOVE_HIGH_WATER);
              assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
            });
  }

  @Test
  void seerrWhoseLastDeliveryFailedIsRefusedPastItsBudget() throws Exception {
    RateLimitInterceptor interceptor = interceptor(inbox);
    MockHttpServletResponse invalid = new MockHttpServletResponse();
    interceptor.preHandle(new MockHttpServletRequest(), invalid, handler(Seerr.class));
    invalid.setStatus(422);
    interceptor.afterCompletion(new MockHttpServletRequest(), invalid, handler(Seerr.class), null);

    assertTooManyRequests(interceptor, Seerr.class);
  }

  @Test
  void withoutAnInboxSeerrPastItsBudgetIsRefused() throws Exception {
    RateLimitInterceptor interceptor = interceptor(null);
    interceptor.preHandle(
        new MockHttpServletRequest(), new MockHttpServletResponse(), handler(Seerr.class));

    assertTooManyRequests(interceptor, Seerr.class);
  }

  @Test
  void sendersThatRetryAreRefusedPastTheirBudget() throws Exception {
    RateLimitInterceptor interceptor = interceptor(inbox);
    interceptor.preHandle(
        new MockHttpServletRequest(), new MockHttpServletResponse(), handler(Operator.class));

    assertTooManyRequests(interceptor, Operator.class);
  }

  private static void assertTooManyRequests(RateLimitInterceptor interceptor, Class<?> controller) {
    assertThatThrownBy(
            () ->
                interceptor.preHandle(
                    new MockHttpServletRequest(),
                    new MockHttpServletResponse(),
                    handler(controller)))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
  }

  private static RateLimitInterceptor interceptor(InboxStore inbox) {
    GatewayProperties.RateLimit onePerHour =
        new GatewayProperties.RateLimit(1, Duration.ofHours(1));
    SourceRateLimits limits =
        new SourceRateLimits(
            new GatewayProperties.RateLimits(onePerHour, onePerHour, onePerHour, onePerHour));
    return new RateLimitInterceptor(
        limits, new AddressRateLimits(1, Duration.ofHours(1)), () -> inbox, HIGH_WATER_MARK);
  }

  private static HandlerMethod handler(Class<?> controller) throws Exception {
    return new HandlerMethod(
        controller.getDeclaredConstructor().newInstance(), controller.getMethod("handle"));
  }

  @RequiresCredential(Credential.SEERR)
  public static class Seerr {
    public void handle() {}
  }

  @RequiresCredential(Credential.OPERATOR)
  public static class Operator {
    public void handle() {}
  }
}
