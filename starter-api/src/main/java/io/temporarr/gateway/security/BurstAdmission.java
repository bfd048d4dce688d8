package io.temporarr.gateway.security;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks a request the rate limit let through only into the durable inbox: an authenticated delivery
 * of a sender that never retries, past that sender's budget ({@link RateLimitInterceptor}). The
 * intake then queues it instead of calling Temporal, so the burst costs the gateway one inbox write
 * per delivery and the drainer delivers it at its own pace.
 */
public final class BurstAdmission {
  static final String ATTRIBUTE = BurstAdmission.class.getName() + ".toInbox";

  private BurstAdmission() {}

  /** True when the request being handled on this thread must go to the inbox. */
  public static boolean toInbox() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    return request != null
        && Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
  }
}
