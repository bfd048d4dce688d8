package io.temporarr.gateway.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the gateway raises itself, already shaped as an RFC 9457 problem. Spring's problem
 * handling renders it as {@code application/problem+json}; details never contain credentials or
 * request bodies.
 */
public final class GatewayProblem extends ErrorResponseException {

  /** Problem type URIs; {@code about:blank} stays for plain HTTP errors Spring raises itself. */
  public static final URI INVALID_FIELD = URI.create("urn:temporarr:problem:invalid-field");

  public static final URI FIELD_OUT_OF_BOUNDS =
      URI.create("urn:temporarr:problem:field-out-of-bounds");

  public static final URI INVALID_PARAMETER = URI.create("urn:temporarr:problem:invalid-parameter");
  public static final URI NOT_FOUND = URI.create("urn:temporarr:problem:not-found");
  public static final URI UNAUTHORIZED = URI.create("urn:temporarr:problem:unauthorized");
  public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:temporarr:problem:payload-too-large");
  public static final URI ACTION_REJECTED = URI.create("urn:temporarr:problem:action-rejected");
  public static final URI TEMPORAL_UNAVAILABLE =
      URI.create("urn:temporarr:problem:temporal-unavailable");
  public static final URI INBOX_UNAVAILABLE = URI.create("urn:temporarr:problem:inbox-unavailable");
  public static final URI UNSUPPORTED_EVENT = URI.create("urn:temporarr:problem:unsupported-event");
  public static final URI SCHEMA_VIOLATION = URI.create("urn:temporarr:problem:schema-violation");
  public static final URI RATE_LIMITED = URI.create("urn:temporarr:problem:rate-limited");
  public static final URI BODY_READ_TIMEOUT = URI.create("urn:temporarr:problem:body-read-timeout");
  public static final URI INBOX_ABOVE_HIGH_WATER =
      URI.create("urn:temporarr:problem:inbox-above-high-water");
  public static final URI JSON_TOO_DEEP = URI.create("urn:temporarr:problem:json-too-deep");
  public static final URI JSON_STRING_TOO_LONG =
      URI.create("urn:temporarr:problem:json-string-too-long");
  public static final URI UNSAFE_URL = URI.create("urn:temporarr:problem:unsafe-url");
  public static final URI NOT_SUPPORTED_BY_SERVER =
      URI.create("urn:temporarr:problem:not-supported-by-server");

  private GatewayProblem(HttpStatus status, URI type, String title, String detail) {
    super(status, problem(status, type, title, detail), null);
  }

  static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  /** 422: a field of an otherwise well-formed body is missing or unusable. */
  public static GatewayProblem invalidField(String field, String detail) {
    return naming(
        HttpStatus.UNPROCESSABLE_ENTITY, INVALID_FIELD, "Invalid field", "field", field, detail);
  }

  /**
   * A problem about one named input: {@code detail} is prefixed with the name, kept as {@code
   * property}.
   */
  private static GatewayProblem naming(
      HttpStatus status, URI type, String title, String property, String name, String detail) {
    GatewayProblem problem = new GatewayProblem(status, type, title, name + ": " + detail);
    problem.getBody().setProperty(property, name);
    return problem;
  }

  /**
   * 400: a field is longer, larger or has more entries than {@link InputLimits} allows. The answer
   * names the field and the limit, never the value.
   */
  public static GatewayProblem fieldOutOfBounds(String field, String detail) {
    return naming(
        HttpStatus.BAD_REQUEST, FIELD_OUT_OF_BOUNDS, "Field out of bounds", "field", field, detail);
  }

  /** 400: a query or path parameter is out of range. */
  public static GatewayProblem invalidParameter(String parameter, String detail) {
    return naming(
        HttpStatus.BAD_REQUEST,
        INVALID_PARAMETER,
        "Invalid parameter",
        "parameter",
        parameter,
        detail);
  }

  public static GatewayProblem notFound(String detail) {
    return new GatewayProblem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", detail);
  }

  /**
   * 401 without saying what was wrong with the credential (missing and wrong look the same).
   *
   * @param challenge the {@code WWW-Authenticate} value, or null for custom header schemes
   */
  public static GatewayProblem unauthorized(String challenge) {
    GatewayProblem problem =
        new GatewayProblem(
            HttpStatus.UNAUTHORIZED,
            UNAUTHORIZED,
            "Unauthorized",
            "This endpoint needs its own credential; it was missing or wrong.");
    if (challenge != null) {
      problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    return problem;
  }

  /**
   * 401 for a signed delivery whose signature headers do not hold. The detail may say why (missing
   * header, timestamp outside the tolerance, no matching signature) but never which key or value.
   */
  public static GatewayProblem signatureRejected(String detail) {
    return new GatewayProblem(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail);
  }

  /** 422: an authentic event of a type or major version this gateway does not speak. */
  public static GatewayProblem unsupportedEvent(String detail) {
    return new GatewayProblem(
        HttpStatus.UNPROCESSABLE_ENTITY, UNSUPPORTED_EVENT, "Unsupported event", detail);
  }

  /**
   * 422: the body does not match its published JSON Schema. Lists where (JSON pointers) and which
   * rule failed, never the values.
   */
  public static GatewayProblem schemaViolation(String schema, List<Violation> violations) {
    GatewayProblem problem =
        new GatewayProblem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            SCHEMA_VIOLATION,
            "Schema violation",
            "The event does not match " + schema + " at " + violations.size() + " place(s).");
    problem.getBody().setProperty("schema", schema);
    problem.getBody().setProperty("violations", List.copyOf(violations));
    return problem;
  }

  /**
   * One failed schema rule.
   *
   * @param pointer JSON pointer (RFC 6901) of the offending value; for a missing property, where it
   *     should be
   * @param keyword the schema keyword that failed ({@code required}, {@code pattern}, …)
   * @param message what the rule expects
   */
  public record Violation(String pointer, String keyword, String message) {}

  /**
   * 503: the durable inbox cannot store the delivery (full disk, read-only or failing filesystem);
   * nothing was acknowledged.
   */
  public static GatewayProblem inboxUnavailable(Duration retryAfter) {
    GatewayProblem problem =
        new GatewayProblem(
            HttpStatus.SERVICE_UNAVAILABLE,
            INBOX_UNAVAILABLE,
            "Inbox unavailable",
            "The gateway cannot store the delivery right now; nothing was accepted. Retry later.");
    problem
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    return problem;
  }

  public static GatewayProblem payloadTooLarge(long limitBytes) {
    return new GatewayProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        PAYLOAD_TOO_LARGE,
        "Payload too large",
        "The request body is larger than " + limitBytes + " bytes.");
  }

  /**
   * 429: the caller's source used up its request budget.
   *
   * @param retryAfter when the budget refills; sent as {@code Retry-After} in whole seconds,
   *     rounded up (at least 1)
   */
  public static GatewayProblem tooManyRequests(String source, Duration retryAfter) {
    long seconds = seconds(retryAfter);
    GatewayProblem problem =
        new GatewayProblem(
            HttpStatus.TOO_MANY_REQUESTS,
            RATE_LIMITED,
            "Too many requests",
            "The request rate limit of source " + source + " is used up; retry later.");
    problem.getBody().setProperty("source", source);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return problem;
  }

  /**
   * 503: a delivery past its sender's rate budget would have been kept in the durable inbox, but
   * the inbox holds {@code temporarr.gateway.admission.inbox-high-water-mark} entries or more.
   */
  public static GatewayProblem inboxFull(Duration retryAfter) {
    GatewayProblem problem =
        new GatewayProblem(
            HttpStatus.SERVICE_UNAVAILABLE,
            INBOX_ABOVE_HIGH_WATER,
            "Inbox above its high-water mark",
            "The gateway's inbox holds too many deliveries Temporal has not taken yet; retry"
                + " later.");
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
    return problem;
  }

  /** 408: the body did not arrive within {@code temporarr.gateway.admission.body-read-timeout}. */
  public static GatewayProblem bodyReadTimeout(Duration timeout) {
    return new GatewayProblem(
        HttpStatus.REQUEST_TIMEOUT,
        BODY_READ_TIMEOUT,
        "Body read timeout",
        "The request body did not arrive within " + timeout.toMillis() + " ms.");
  }

  private static long seconds(Duration retryAfter) {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /**
   * 400 for a body that broke a JSON parser limit ({@code temporarr.gateway.json.*}). Jackson's
   * messages name the limit that was hit (by its getter), which tells nesting from string length.
   */
  static ProblemDetail jsonLimit(StreamConstraintsException limit) {
    String message = String.valueOf(limit.getOriginalMessage());
    if (message.contains("getMaxNestingDepth")) {
      return problem(
          HttpStatus.BAD_REQUEST,
          JSON_TOO_DEEP,
          "JSON nesting too deep",
          "The JSON body nests arrays and objects deeper than the gateway accepts"
              + " (temporarr.gateway.json.max-nesting-depth).");
    }
    if (message.contains("getMaxStringLength")) {
      return problem(
          HttpStatus.BAD_REQUEST,
          JSON_STRING_TOO_LONG,
          "JSON string too long",
          "The JSON body holds a string longer than the gateway accepts"
              + " (temporarr.gateway.json.max-string-length).");
    }
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "The JSON body exceeds a limit of the gateway's JSON parser.");
  }
}
