package io.temporarr.activities.http;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The one mapping from HTTP outcomes to Temporal failures.
 *
 * <ul>
 *   <li>400, 401, 403, 404, 422: non-retryable, typed ({@link ErrorTypes#BAD_REQUEST} …)
 *   <li>408, 429, 5xx: retryable; a {@code Retry-After} header becomes the next retry delay
 *   <li>I/O errors (refused, reset, timeout): retryable {@link ErrorTypes#NETWORK_ERROR}
 *   <li>anything else unexpected: non-retryable {@link ErrorTypes#UNEXPECTED_STATUS}
 * </ul>
 *
 * Messages name the service, method, status and the URL without query or credentials (API keys
 * travel in queries for Torznab, Plex and Gotify), never the body.
 */
public final class HttpFailures {

  /**
   * Longest Retry-After we honour: a longer one is cut to this so a request never stalls for days.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  /** RFC 9110 delay-seconds: digits only (no sign, no fraction). */
  private static final Pattern DELTA_SECONDS = Pattern.compile("\\d+");

  private HttpFailures() {}

  /** Maps an unsuccessful response. The caller still owns (and closes) the response. */
  public static ApplicationFailure forResponse(String service, Response response) {
    return forStatus(
        service,
        response.request().method(),
        response.request().url(),
        response.code(),
        response.header("Retry-After"),
        Clock.systemUTC());
  }

  static ApplicationFailure forStatus(
      String service, String method, HttpUrl url, int code, String retryAfter, Clock clock) {
    String message = service + ": " + method + " " + redact(url) + " answered HTTP " + code;
    return switch (code) {
      case 400 -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.BAD_REQUEST);
      case 401 -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.UNAUTHORIZED);
      case 403 -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.FORBIDDEN);
      case 404 -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.NOT_FOUND);
      case 422 -> ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.UNPROCESSABLE);
      case 408 -> retryable(message, ErrorTypes.REQUEST_TIMEOUT, retryAfter, clock);
      case 429 -> retryable(message, ErrorTypes.RATE_LIMITED, retryAfter, clock);
      default ->
          code >= 500 && code <= 599
              ? retryable(message, ErrorTypes.SERVER_ERROR, retryAfter, clock)
              : ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.UNEXPECTED_STATUS);
    };
  }

  /** Maps an I/O failure (connection refused or reset, timeout): retryable. */
  public static ApplicationFailure forIo(
      String service, String method, HttpUrl url, IOException e) {
    String reason = e.getClass().getSimpleName();
    return ApplicationFailure.newFailure(
        service + ": " + method + " " + redact(url) + " failed: " + reason,
        ErrorTypes.NETWORK_ERROR);
  }

  /**
   * A 2xx response whose body cannot be understood: non-retryable (the same body would come back).
   */
  public static ApplicationFailure malformed(String service, HttpUrl url, String detail) {
    return ApplicationFailure.newNonRetryableFailure(
        service + ": malformed response from " + redact(url) + ": " + detail,
        ErrorTypes.MALFORMED_RESPONSE);
  }

  private static ApplicationFailure retryable(
      String message, String type, String retryAfter, Clock clock) {
    Duration delay = parseRetryAfter(retryAfter, clock);
    if (delay == null) {
      return ApplicationFailure.newFailure(message, type);
    }
    return ApplicationFailure.newBuilder()
        .setMessage(message + " (retry after " + delay.toSeconds() + "s)")
        .setType(type)
        .setNextRetryDelay(delay)
        .build();
  }

  /**
   * Parses {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns null when
   * absent or unparseable; clamps to [0, {@link #MAX_RETRY_AFTER}].
   */
  public static Duration parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    Duration delay;
    if (DELTA_SECONDS.matcher(v).matches()) {
      // More digits than a long holds is still "a very long time", not an unreadable header.
      delay = v.length() > 18 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        delay = Duration.between(clock.instant(), at);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
    if (delay.isNegative()) {
      return Duration.ZERO;
    }
    return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
  }

  /** Scheme, host, port and path only: no user info, no query (API keys), no fragment. */
  public static String redact(HttpUrl url) {
    if (url == null) {
      return "?";
    }
    // HttpUrl.host() gives IPv6 literals without their brackets.
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.scheme() + "://" + host + ":" + url.port() + url.encodedPath();
  }
}
