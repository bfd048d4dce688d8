package io.temporarr.gateway.events;

import io.temporarr.gateway.Answer;
import io.temporarr.gateway.intake.RequestIntake;
import io.temporarr.gateway.observability.CorrelationFilter;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.security.Credential;
import io.temporarr.gateway.security.SourceRateLimits;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What a signed event means for a request workflow. In order, and each step before the next one
 * looks at more of the delivery:
 *
 * <ol>
 *   <li>the signature over the raw bytes ({@link WebhookVerifier}) — 401 when it does not hold (its
 *       headers were already checked before the body was read, and the delivery charged to its
 *       client address's budget);
 *   <li>the {@code events} rate budget, charged only now that the delivery is authentic — 429;
 *   <li>a {@code webhook-id} answered in the last minutes gets that answer again ({@link
 *       RecentDeliveries});
 *   <li>the body, read and checked by {@link EventReader} (400, 422);
 *   <li>the {@link RequestIntake}: {@code media.requested} starts the workflow (keyed by {@code
 *       <source>:<sourceRequestId>}, so repeats converge on one run), {@code media.cancelled}
 *       cancels it, {@code download.finished} sends a signal — each kept in the durable inbox while
 *       Temporal is unreachable — and {@code request.action} runs an update as the operator API
 *       does. The event ID travels as the signal's or update's event ID (and as the update ID), so
 *       the workflow ignores an event it has already applied, whichever gateway instance delivered
 *       it.
 * </ol>
 */
@Service
class SignedEvents {
  private static final Logger log = LoggerFactory.getLogger(SignedEvents.class);

  /** Who asked, in the request's audit log, for updates sent by signed events. */
  static final String ACTOR = "events";

  private final WebhookVerifier verifier;
  private final RecentDeliveries recent;
  private final EventReader reader;
  private final RequestIntake intake;
  private final ObjectProvider<SourceRateLimits> budgets;

  SignedEvents(
      WebhookVerifier verifier,
      RecentDeliveries recent,
      EventReader reader,
      RequestIntake intake,
      ObjectProvider<SourceRateLimits> budgets) {
    this.verifier = verifier;
    this.budgets = budgets;
    this.recent = recent;
    this.reader = reader;
    this.intake = intake;
  }

  Answer receive(String webhookId, String timestamp, String signature, byte[] body) {
    try {
      verifier.verify(webhookId, timestamp, signature, body);
    } catch (SignatureRejected rejected) {
      log.warn("Rejected signed event: {}", rejected.reason());
      throw GatewayProblem.signatureRejected(rejected.getMessage());
    }
    budgets.ifAvailable(budget -> budget.charge(Credential.EVENTS));
    return recent.answerOnce(webhookId, () -> handle(reader.read(body)));
  }

  private Answer handle(EventReader.Event event) {
    EventEnvelope envelope = event.envelope();
    String delivery = "Event " + envelope.id();
    return switch (event.type()) {
      case MEDIA_REQUESTED ->
          intake.start(
              delivery, mediaRequested(envelope, reader.data(event, MediaRequestedData.class)));
      case MEDIA_CANCELLED ->
          mediaCancelled(delivery, envelope, reader.data(event, MediaCancelledData.class));
      case DOWNLOAD_FINISHED ->
          downloadFinished(delivery, envelope, reader.data(event, DownloadFinishedData.class));
      case REQUEST_ACTION ->
          requestAction(delivery, envelope, reader.data(event, RequestActionData.class));
    };
  }

  private static MediaRequestInput mediaRequested(EventEnvelope envelope, MediaRequestedData data) {
    MediaType mediaType = mediaType(data.mediaType());
    return MediaRequestInput.builder()
        .source(data.source())
        .sourceRequestId(data.sourceRequestId())
        .mediaType(mediaType)
        .title(data.title().strip())
        .year(data.year())
        .tmdbId(data.tmdbId())
        .imdbId(data.imdbId())
        .tvdbId(data.tvdbId())
        .seasons(mediaType == MediaType.TV ? data.seasons().stream().sorted().toList() : List.of())
        .requestedBy(data.requestedBy() == null ? null : data.requestedBy().strip())
        // The request's ID (X-Correlation-Id or generated), unless only the sender's payload
        // ties it to the sender's own flow.
        .correlationId(CorrelationFilter.preferSenders(envelope.correlationId()))
        .eventId(envelope.id())
        .build();
  }

  /** Like Seerr's decline: durable, and cancelling what is not running (any more) is a no-op. */
  private Answer mediaCancelled(String delivery, EventEnvelope envelope, MediaCancelledData data) {
    String workflowId =
        data.workflowId() != null
            ? data.workflowId()
            : WorkflowIds.mediaRequest(data.source(), data.sourceRequestId());
    String reason = data.reason() != null ? data.reason() : "cancelled by its source";
    return intake.cancel(delivery, workflowId, new OperatorAction(envelope.id(), ACTOR, reason));
  }

  private Answer downloadFinished(
      String delivery, EventEnvelope envelope, DownloadFinishedData data) {
    String hash = data.infoHash().toLowerCase(Locale.ROOT);
    return intake.downloadFinished(
        delivery, data.workflowId(), new DownloadFinished(envelope.id(), hash, data.contentPath()));
  }

  /** Like the operator API: a request that is not running is 404, a refused action 409. */
  private Answer requestAction(String delivery, EventEnvelope envelope, RequestActionData data) {
    RequestAction action =
        RequestAction.fromPath(data.action())
            .orElseThrow(
                () ->
                    GatewayProblem.invalidField(
                        "data.action",
                        "must be one of "
                            + Arrays.stream(RequestAction.values())
                                .map(RequestAction::path)
                                .toList()));
    return intake.act(
        delivery,
        data.workflowId(),
        action,
        new OperatorAction(envelope.id(), ACTOR, data.reason()));
  }

  private static MediaType mediaType(String keyword) {
    return Arrays.stream(MediaType.values())
        .filter(candidate -> candidate.keyword().equals(keyword))
        .findFirst()
        .orElseThrow(() -> GatewayProblem.invalidField("data.mediaType", "must be movie or tv"));
  }
}
