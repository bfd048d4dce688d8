package io.temporarr.gateway.security;

import io.temporarr.gateway.problem.GatewayProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges each request to a {@link RequiresCredential} controller to that caller's budget and
 * answers 429 with {@code Retry-After} once it is used up. Runs after the credential check, so
 * requests without the credential cannot use up a legitimate sender's budget (they are answered 401
 * at no cost to Temporal), and before the body is read.
 */
final class RateLimitInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private final SourceRateLimits limits;

  RateLimitInterceptor(SourceRateLimits limits) {
    this.limits = limits;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresCredential required =
        AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresCredential.class);
    if (required == null) {
      return true;
    }
    Credential source = required.value();
    limits
        .acquire(source)
        .ifPresent(
            wait -> {
              // Debug only: a flood would otherwise flood the log too; the refusals are counted.
              log.debug(
                  "Rate limit of {} used up; refusing {}", source.scheme(), request.getMethod());
              throw GatewayProblem.tooManyRequests(source.scheme(), wait);
            });
    return true;
  }
}
