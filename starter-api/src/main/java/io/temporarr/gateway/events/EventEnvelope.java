package io.temporarr.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Body of {@code POST /webhooks/events}, version 1 ({@code docs/events/envelope.v1.schema.json}).
 *
 * @param id unique per event, kept by every redelivery; carried to the workflow as the event ID
 * @param type one of {@link EventType}
 * @param version {@code 1.<minor>}; minor versions only add optional fields
 * @param time when the event happened (RFC 3339)
 * @param correlationId optional; stored with the request workflow
 * @param causationId optional; the event that caused this one
 * @param data the payload, validated against the schema of {@code type}
 */
@Schema(
    description =
        "Versioned event envelope (docs/events/envelope.v1.schema.json); unknown fields are"
            + " ignored.")
public record EventEnvelope(
    String id,
    @Schema(
            allowableValues = {
              "media.requested",
              "media.cancelled",
              "download.finished",
              "request.action"
            })
        String type,
    @Schema(pattern = "^1\\.[0-9]{1,4}$") String version,
    OffsetDateTime time,
    String correlationId,
    String causationId,
    @Schema(
            implementation = Map.class,
            description = "Payload; its schema is docs/events/<type>.v1.schema.json")
        JsonNode data) {}
