package io.temporarr.gateway.security;

import io.temporarr.gateway.problem.GatewayProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A URL the {@link UrlGuard} refuses. Answered as a 422 problem of type {@link
 * GatewayProblem#UNSAFE_URL}; neither the message nor the problem repeats the URL, which may carry
 * credentials in its query or user info.
 */
public final class UnsafeUrlException extends ErrorResponseException {
  private final String reason;

  UnsafeUrlException(String reason) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, problem(reason), null);
    this.reason = reason;
  }

  private static ProblemDetail problem(String reason) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_ENTITY, "The URL is not allowed: " + reason + ".");
    problem.setType(GatewayProblem.UNSAFE_URL);
    problem.setTitle("Unsafe URL");
    return problem;
  }

  /** Why the URL was refused, e.g. "the host resolves to a loopback address". */
  public String reason() {
    return reason;
  }

  /** Names the payload field that held the URL in the problem ({@code field}). */
  public UnsafeUrlException inField(String field) {
    getBody().setProperty("field", field);
    return this;
  }

  @Override
  public String getMessage() {
    return "unsafe URL: " + reason;
  }
}
