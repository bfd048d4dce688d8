package io.temporarr.gateway.seerr;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.security.Credential;
import io.temporarr.gateway.security.RequiresCredential;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /webhooks/seerr}: Seerr / Overseerr / Jellyseerr's webhook notification agent. */
@RestController
@RequiresCredential(Credential.SEERR)
@SecurityRequirement(name = "seerr")
class SeerrWebhookController {
  /** What each notification type does, as the OpenAPI document tells Seerr's administrators. */
  private static final String TYPES =
      "MEDIA_APPROVED / MEDIA_AUTO_APPROVED start the request workflow (202, idempotent per"
          + " request_id); MEDIA_DECLINED cancels it (202, or 200 when none is running); every"
          + " other type, TEST_NOTIFICATION included, answers 200 and does nothing.";

  private final SeerrNotifications notifications;

  SeerrWebhookController(SeerrNotifications notifications) {
    this.notifications = notifications;
  }

  @Operation(summary = "Seerr notification (default JSON template)", description = TYPES)
  @PostMapping(path = "/webhooks/seerr", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Answer> notify(@RequestBody SeerrNotification notification) {
    return RequestIntake.respond(notifications.handle(notification));
  }
}
