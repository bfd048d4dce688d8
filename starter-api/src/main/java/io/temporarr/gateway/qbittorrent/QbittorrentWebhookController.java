package io.temporarr.gateway.qbittorrent;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/qbittorrent}: qBittorrent's "Run external program on torrent finished".
 * Configure it (Options → Downloads) as:
 *
 * <pre>
 * curl -fsS -X POST -H "X-Temporarr-Token: &lt;token&gt;" --data-urlencode "hash=%I"
 *   --data-urlencode "name=%N" --data-urlencode "category=%L" --data-urlencode "tags=%G"
 *   --data-urlencode "content_path=%F" http://gateway:8080/webhooks/qbittorrent
 * </pre>
 *
 * The same fields are accepted as a JSON object.
 */
@RestController
@RequiresCredential(Credential.QBITTORRENT)
@SecurityRequirement(name = "qbittorrent")
class QbittorrentWebhookController {
  private static final String PATH = "/webhooks/qbittorrent";

  private final TorrentCompletions completions;

  QbittorrentWebhookController(TorrentCompletions completions) {
    this.completions = completions;
  }

  @Operation(summary = "Torrent finished (form fields from the autorun command)")
  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Answer> finishedForm(
      @RequestParam(required = false) String hash,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tags,
      @RequestParam(name = "content_path", required = false) String contentPath) {
    return RequestIntake.respond(
        completions.finished(new TorrentFinished(hash, name, category, tags, contentPath)));
  }

  @Operation(summary = "Torrent finished (JSON)")
  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Answer> finishedJson(@RequestBody TorrentFinished torrent) {
    return RequestIntake.respond(completions.finished(torrent));
  }
}
