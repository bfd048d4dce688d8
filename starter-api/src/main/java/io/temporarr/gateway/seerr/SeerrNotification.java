package io.temporarr.gateway.seerr;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temporarr.gateway.problem.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The default JSON template of the Seerr / Overseerr / Jellyseerr webhook agent. Every value is a
 * string (empty when unknown); {@code media} and {@code request} are null when the notification has
 * none (e.g. TEST_NOTIFICATION). Only the fields the gateway uses are bound: the requester's e-mail
 * address is deliberately left out so it never reaches Temporal.
 */
public record SeerrNotification(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = NOT_BLANK)
        @JsonProperty("notification_type")
        @Size(max = InputLimits.IDENTIFIER)
        String notificationType,
    @Size(max = InputLimits.TEXT) String event,
    @Size(max = InputLimits.SUBJECT, message = "holds the title: at most {max} characters")
        String subject,
    @Valid Media media,
    @Valid Request request,
    @Size(max = InputLimits.EXTRA_ENTRIES) List<@Valid Extra> extra) {

  /**
   * "Has a character {@link String#isBlank()} does not count as blank", as a JSON Schema pattern:
   * the OpenAPI document then says exactly which values the gateway accepts.
   */
  static final String NOT_BLANK =
      "[^\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A"
          + "\\u2028\\u2029\\u205F\\u3000]";

  public SeerrNotification {
    extra = extra == null ? List.of() : extra.stream().filter(e -> e != null).toList();
  }

  /**
   * @param mediaType "movie" or "tv"
   */
  public record Media(
      @JsonProperty("media_type") @Size(max = InputLimits.IDENTIFIER) String mediaType,
      @Size(max = InputLimits.IDENTIFIER) String tmdbId,
      @Size(max = InputLimits.IDENTIFIER) String tvdbId,
      @Size(max = InputLimits.IDENTIFIER) String status,
      @Size(max = InputLimits.IDENTIFIER) String status4k) {}

  public record Request(
      @JsonProperty("request_id") @Size(max = InputLimits.IDENTIFIER) String requestId,
      @JsonProperty("requestedBy_username") @Size(max = InputLimits.REQUESTED_BY)
          String requestedByUsername) {}

  /** Extra facts, e.g. {@code {"name": "Requested Seasons", "value": "1, 2"}}. */
  public record Extra(
      @Size(max = InputLimits.EXTRA_TEXT) String name,
      @Size(max = InputLimits.EXTRA_TEXT) String value) {}
}
