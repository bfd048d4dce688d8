package io.temporarr.gateway.qbittorrent;

import io.temporal.client.WorkflowNotFoundException;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.problem.InputLimits;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Routes a finished torrent to its request workflows. The download activity tags every torrent it
 * adds with the workflow ID, so each tag starting with {@code media-request:} names a target: a
 * torrent two requests share carries both tags, and each request is signalled; torrents without one
 * were not added by Temporarr and are ignored. The signal is only a hint — the workflow confirms
 * with the client and keeps polling as the backstop — and its event ID makes repeated calls
 * harmless: {@code qbt:<hash>:finished}, or for a torrent several requests share {@code
 * qbt:<hash>:finished:<workflow ID>} (the durable inbox holds an event ID once, whatever the
 * workflow).
 */
@Service
class TorrentCompletions {
  private static final Logger log = LoggerFactory.getLogger(TorrentCompletions.class);

  private static final Pattern INFOHASH_V1 = Pattern.compile("[0-9a-f]{40}");

  /** A request workflow or season child ID, as {@link WorkflowIds} builds them. */
  private static final Pattern REQUEST_WORKFLOW_ID =
      Pattern.compile(
          Pattern.quote(WorkflowIds.MEDIA_REQUEST_PREFIX)
              + "[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}(:s\\d{1,3})?");

  private final RequestIntake intake;

  TorrentCompletions(RequestIntake intake) {
    this.intake = intake;
  }

  Answer finished(TorrentFinished torrent) {
    InputLimits.check(torrent);
    List<String> targets =
        Arrays.stream(torrent.tags() == null ? new String[0] : torrent.tags().split(","))
            .map(String::strip)
            .filter(WorkflowIds::isMediaRequest)
            .distinct()
            .toList();
    if (targets.isEmpty()) {
      return Answer.ignored(null, "torrent carries no media-request tag");
    }
    for (String workflowId : targets) {
      if (!REQUEST_WORKFLOW_ID.matcher(workflowId).matches()) {
        throw GatewayProblem.invalidField(
            "tags", "a media-request tag is not a request workflow ID");
      }
    }
    String hash = torrent.hash() == null ? "" : torrent.hash().strip().toLowerCase(Locale.ROOT);
    if (!INFOHASH_V1.matcher(hash).matches()) {
      throw GatewayProblem.invalidField("hash", "must be a 40-character hex v1 infohash (%I)");
    }
    String contentPath =
        torrent.contentPath() == null || torrent.contentPath().isBlank()
            ? null
            : torrent.contentPath();
    if (targets.size() == 1) {
      return signal(targets.get(0), "qbt:" + hash + ":finished", hash, contentPath);
    }
    List<Answer> answers = new ArrayList<>();
    WorkflowNotFoundException notRunning = null;
    for (String workflowId : targets) {
      try {
        answers.add(
            signal(workflowId, "qbt:" + hash + ":finished:" + workflowId, hash, contentPath));
      } catch (WorkflowNotFoundException e) {
        // One of the requests sharing the torrent has closed: the others still want to know.
        log.info("qBittorrent finished {}: {} is no longer running", hash, workflowId);
        notRunning = e;
      }
    }
    if (answers.isEmpty()) {
      throw notRunning;
    }
    boolean queued = answers.stream().anyMatch(answer -> Answer.QUEUED.equals(answer.status()));
    return queued ? Answer.queued(null) : Answer.accepted(null);
  }

  private Answer signal(String workflowId, String eventId, String hash, String contentPath) {
    return intake.downloadFinished(
        "qBittorrent finished " + hash,
        workflowId,
        new DownloadFinished(eventId, hash, contentPath));
  }
}
