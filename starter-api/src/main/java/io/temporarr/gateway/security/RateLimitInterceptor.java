package io.temporarr.gateway.security;

import io.temporarr.gateway.inbox.InboxStore;
import io.temporarr.gateway.problem.GatewayProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.lang.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges each request to a {@link RequiresCredential} controller to that caller's budget. Runs
 * after the credential check, so requests without the credential cannot use up a legitimate
 * sender's budget (they are answered 401 at no cost to Temporal), and before the body is read.
 *
 * <p>A caller whose credential is a body signature ({@link Credential#signsBody()}) is not
 * authenticated yet here: it is charged to its client address's budget ({@link AddressRateLimits},
 * 429 past it), and to its source's budget only once its handler verified the signature ({@link
 * SourceRateLimits#charge}). So a flood of forged deliveries uses up its own address's budget,
 * never a genuine sender's.
 *
 * <p>Past the budget:
 *
 * <ul>
 *   <li>a caller that retries gets 429 with {@code Retry-After};
 *   <li>a caller that {@link Credential#sendsOnce() sends once} (Seerr) would lose the delivery on
 *       a 429, so it is let through {@link BurstAdmission into the durable inbox} (202 {@code
 *       queued}) — unless the inbox holds {@code inbox-high-water-mark} entries or more (503 with
 *       {@code Retry-After}), there is no inbox (429), or the caller's last answer was a client
 *       error (429: a sender whose deliveries fail is a runaway, not a burst).
 * </ul>
 */
final class RateLimitInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

  /** When a sender is told to come back while the inbox is above its high-water mark. */
  static final Duration INBOX_FULL_RETRY = Duration.ofSeconds(30);

  private final SourceRateLimits limits;
  private final AddressRateLimits unverified;
  private final Supplier<InboxStore> inbox;
  private final int highWaterMark;
  private final Map<Credential, AtomicBoolean> failing = new EnumMap<>(Credential.class);

  RateLimitInterceptor(
      SourceRateLimits limits,
      AddressRateLimits unverified,
      Supplier<InboxStore> inbox,
      int highWaterMark) {
    this.limits = limits;
    this.unverified = unverified;
    this.inbox = inbox;
    this.highWaterMark = highWaterMark;
    for (Credential credential : Credential.values()) {
      failing.put(credential, new AtomicBoolean());
    }
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    Credential source = source(handler);
    if (source == null) {
      return true;
    }
    if (source.signsBody()) {
      unverified
          .acquire(request.getRemoteAddr())
          .ifPresent(
              wait -> {
                throw GatewayProblem.tooManyRequests(AddressRateLimits.NAME, wait);
              });
      return true;
    }
    limits
        .acquire(source)
        .ifPresent(
            wait -> {
              if (absorbs(source)) {
                request.setAttribute(BurstAdmission.ATTRIBUTE, Boolean.TRUE);
                limits.absorbed(source);
                return;
              }
              limits.refused(source);
              // Debug only: a flood would otherwise flood the log too; the refusals are counted.
              log.debug(
                  "Rate limit of {} used up; refusing {}", source.scheme(), request.getMethod());
              throw GatewayProblem.tooManyRequests(source.scheme(), wait);
            });
    return true;
  }

  /**
   * Whether a delivery past the budget goes to the inbox.
   *
   * @throws GatewayProblem 503 when the inbox is at or above its high-water mark
   */
  private boolean absorbs(Credential source) {
    if (!source.sendsOnce() || failing.get(source).get()) {
      return false;
    }
    InboxStore store = inbox.get();
    if (store == null) {
      return false;
    }
    long depth = store.depth();
    if (depth >= highWaterMark) {
      log.warn(
          "Inbox holds {} entries (high-water mark {}): refusing a {} burst with 503",
          depth,
          highWaterMark,
          source.scheme());
      throw GatewayProblem.inboxFull(INBOX_FULL_RETRY);
    }
    return true;
  }

  /** Remembers whether the sender's last answer was a client error (rate refusals aside). */
  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    Credential source = source(handler);
    if (source == null || !source.sendsOnce()) {
      return;
    }
    int status = response.getStatus();
    if (status >= 200 && status < 300) {
      failing.get(source).set(false);
    } else if (status >= 400 && status < 500 && status != 429) {
      failing.get(source).set(true);
    }
  }

  @Nullable
  private static Credential source(Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return null;
    }
    RequiresCredential required =
        AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresCredential.class);
    return required == null ? null : required.value();
  }
}
