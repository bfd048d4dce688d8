package io.temporarr.gateway.seerr;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
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
        String notificationType,
    String event,
    String subject,
    Media media,
    Request request,
    List<Extra> extra) {

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
      @JsonProperty("media_type") String mediaType,
      String tmdbId,
      String tvdbId,
      String status,
      String status4k) {}

  public record Request(
      @JsonProperty("request_id") String requestId,
      @JsonProperty("requestedBy_username") String requestedByUsername) {}

  /** Extra facts, e.g. {@code {"name": "Requested Seasons", "value": "1, 2"}}. */
  public record Extra(String name, String value) {}
}
