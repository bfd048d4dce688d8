package io.temporarr.gateway.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The part of a body signature's check that needs no body (header format, timestamp window), run by
 * the credential check before anything reads the body. Implemented by the events package, which
 * knows the signature scheme.
 */
@FunctionalInterface
public interface SignatureHeaderCheck {
  /**
   * @throws io.temporarr.gateway.problem.GatewayProblem 401 when the headers cannot belong to an
   *     authentic delivery
   */
  void check(HttpServletRequest request);
}
