package io.temporarr.gateway.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The servlet container's error page ({@code server.error.path}, {@code /error}) as an RFC 9457
 * problem, replacing Boot's default JSON. Errors end up here when they happen outside Spring MVC's
 * exception handling — in a servlet filter, or a {@code sendError} by the container. A failure that
 * already knows its problem (a {@link ErrorResponse}, e.g. a {@link GatewayProblem} thrown by a
 * filter) keeps it; anything else gets a generic detail that never echoes the exception.
 *
 * <p>Requires no credential: it only renders the failure of another request. Called directly, it
 * has no failure to render and answers 404 like an unknown path.
 */
@Controller
@Hidden
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {
  private final ErrorAttributes errorAttributes;

  ProblemErrorController(ErrorAttributes errorAttributes) {
    this.errorAttributes = errorAttributes;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
      return answer(
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No endpoint has this path."),
          new HttpHeaders());
    }
    Throwable error = errorAttributes.getError(new ServletWebRequest(request));
    if (error instanceof ErrorResponse known) {
      return answer(known.getBody(), known.getHeaders());
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatusCode.valueOf(status),
            status >= 500
                ? "The gateway failed to handle the request."
                : "The request was refused before it reached an endpoint.");
    return answer(problem, new HttpHeaders());
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
    // A preset content type is kept as is, whatever the caller's Accept header asks for.
    return ResponseEntity.status(problem.getStatus())
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
