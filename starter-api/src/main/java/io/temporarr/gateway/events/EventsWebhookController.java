package io.temporarr.gateway.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.security.Credential;
import io.temporarr.gateway.security.RequiresCredential;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/events}: versioned events from any sender that signs them per Standard
 * Webhooks v1. The body is taken as raw bytes because the signature covers exactly those bytes; it
 * is parsed only once the signature holds. Envelope, types, signing and versioning: {@code
 * docs/events/README.md}.
 */
@RestController
@RequiresCredential(Credential.EVENTS)
@SecurityRequirement(name = "events")
class EventsWebhookController {
  static final String PATH = "/webhooks/events";
  static final String WEBHOOK_ID = "webhook-id";
  static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
  static final String WEBHOOK_SIGNATURE = "webhook-signature";
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

  private final SignedEvents events;

  EventsWebhookController(SignedEvents events) {
    this.events = events;
  }

  @Operation(
      summary = "Signed, versioned event (Standard Webhooks v1)",
      description =
          "media.requested starts the request workflow (202; 200 ignored when it already"
              + " completed), media.cancelled runs its cancel update (202; 200 ignored when it is"
              + " not running), download.finished sends the downloadFinished signal (202),"
              + " request.action runs retry / skip-release / cancel (202). While Temporal is"
              + " unreachable the first three are kept in the gateway's durable inbox (202"
              + " queued). The signature is checked over the raw body before it is parsed; a"
              + " webhook-id seen in the last 10 minutes gets its first answer again. Schemas:"
              + " docs/events/*.v1.schema.json.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = JSON,
                      schema = @Schema(implementation = EventEnvelope.class))),
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "Accepted: names the workflow ID",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Answer.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Authentic, but nothing to do",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Answer.class))),
        // ProblemResponses gives the errors their problem+json body.
        @ApiResponse(responseCode = "400", description = "Not valid JSON"),
        @ApiResponse(
            responseCode = "401",
            description = "Signature headers missing, timestamp outside ±5 minutes, or no match"),
        @ApiResponse(responseCode = "415", description = "Not application/json"),
        @ApiResponse(
            responseCode = "422",
            description =
                "Unknown type, unsupported major version, or schema violation (JSON pointers)")
      })
  @PostMapping(path = PATH, consumes = JSON)
  ResponseEntity<Answer> receive(
      @Parameter(
              in = ParameterIn.HEADER,
              required = true,
              description = "Unique per message, kept by every retry; replays are deduplicated",
              example = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
          @RequestHeader(name = WEBHOOK_ID, required = false)
          String id,
      @Parameter(
              in = ParameterIn.HEADER,
              required = true,
              description = "Signing time, Unix seconds; must be within 5 minutes of the gateway",
              schema = @Schema(pattern = "^[0-9]{1,12}$"))
          @RequestHeader(name = WEBHOOK_TIMESTAMP, required = false)
          String timestamp,
      @Parameter(
              in = ParameterIn.HEADER,
              required = true,
              description =
                  "Space-separated v1,<base64 HMAC-SHA256 of id.timestamp.body>; several allowed"
                      + " (key rotation), other versions ignored",
              example = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")
          @RequestHeader(name = WEBHOOK_SIGNATURE, required = false)
          String signature,
      @RequestBody(required = false) byte[] body) {
    return RequestIntake.respond(events.receive(id, timestamp, signature, body));
  }
}
