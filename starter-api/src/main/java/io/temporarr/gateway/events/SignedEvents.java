package io.temporarr.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporarr.gateway.Answer;
import io.temporarr.gateway.observability.CorrelationFilter;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.problem.GatewayProblem.Violation;
import io.temporarr.gateway.temporal.Acceptance;
import io.temporarr.gateway.temporal.ActionOutcome;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.gateway.temporal.RequestWorkflows;
import io.temporarr.gateway.temporal.StartOutcome;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.common.WorkflowIds;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.MediaRequestInput;
import io.temporarr.workflows.request.OperatorAction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Service;

/**
 * What a signed event means for a request workflow. In order, and each step before the next one
 * looks at more of the delivery:
 *
 * <ol>
 *   <li>the signature over the raw bytes ({@link WebhookVerifier}) — 401 when it does not hold;
 *   <li>a {@code webhook-id} answered in the last minutes gets that answer again ({@link
 *       RecentDeliveries});
 *   <li>JSON syntax (400), a version of another major than 1 or an unknown type (422), the envelope
 *       and data schemas (422 listing JSON pointers);
 *   <li>the Temporal call: {@code media.requested} starts the workflow (keyed by {@code
 *       <source>:<sourceRequestId>}, so repeats converge on one run), {@code media.cancelled} and
 *       {@code request.action} run an update, {@code download.finished} sends a signal. The event
 *       ID travels as the signal's or update's event ID (and as the update ID), so the workflow
 *       ignores an event it has already applied, whichever gateway instance delivered it.
 * </ol>
 */
@Service
class SignedEvents {
  private static final Logger log = LoggerFactory.getLogger(SignedEvents.class);

  static final String SUPPORTED_MAJOR_VERSION = "1";

  /** Who asked, in the request's audit log, for updates sent by signed events. */
  static final String ACTOR = "events";

  /** Field-name prefix of the event's payload, as in {@code data.title}. */
  private static final String DATA = "data.";

  private static final Pattern VERSION = Pattern.compile("(?<major>[0-9]{1,4})\\.[0-9]{1,4}");

  private final WebhookVerifier verifier;
  private final RecentDeliveries recent;
  private final EventSchemas schemas;
  private final ObjectMapper mapper;
  private final RequestWorkflows workflows;

  SignedEvents(
      WebhookVerifier verifier,
      RecentDeliveries recent,
      EventSchemas schemas,
      ObjectMapper mapper,
      RequestWorkflows workflows) {
    this.verifier = verifier;
    this.recent = recent;
    this.schemas = schemas;
    this.mapper = mapper;
    this.workflows = workflows;
  }

  Answer receive(String webhookId, String timestamp, String signature, byte[] body) {
    try {
      verifier.verify(webhookId, timestamp, signature, body);
    } catch (SignatureRejected rejected) {
      log.warn("Rejected signed event: {}", rejected.reason());
      throw GatewayProblem.signatureRejected(rejected.getMessage());
    }
    return recent.answerOnce(webhookId, () -> handle(body));
  }

  private Answer handle(byte[] body) {
    JsonNode event = parse(body);
    refuseOtherMajorVersions(event);
    refuse(EventSchemas.ENVELOPE, schemas.envelopeViolations(event));
    EventEnvelope envelope = bind(event, EventEnvelope.class, "");
    EventType type =
        EventType.of(envelope.type())
            .orElseThrow(
                () ->
                    GatewayProblem.unsupportedEvent(
                        "Unknown event type "
                            + envelope.type()
                            + "; this gateway supports "
                            + String.join(", ", EventType.names())
                            + "."));
    refuse(type.schemaFile(), schemas.dataViolations(type, envelope.data()));
    return switch (type) {
      case MEDIA_REQUESTED ->
          mediaRequested(envelope, bind(envelope.data(), MediaRequestedData.class, DATA));
      case MEDIA_CANCELLED ->
          mediaCancelled(envelope, bind(envelope.data(), MediaCancelledData.class, DATA));
      case DOWNLOAD_FINISHED ->
          downloadFinished(envelope, bind(envelope.data(), DownloadFinishedData.class, DATA));
      case REQUEST_ACTION ->
          requestAction(envelope, bind(envelope.data(), RequestActionData.class, DATA));
    };
  }

  private Answer mediaRequested(EventEnvelope envelope, MediaRequestedData data) {
    MediaType mediaType = mediaType(data.mediaType());
    MediaRequestInput input =
        new MediaRequestInput(
            data.source(),
            data.sourceRequestId(),
            mediaType,
            data.title().strip(),
            data.year(),
            data.tmdbId(),
            data.imdbId(),
            data.tvdbId(),
            mediaType == MediaType.TV ? data.seasons().stream().sorted().toList() : List.of(),
            null,
            null,
            data.requestedBy() == null ? null : data.requestedBy().strip(),
            // The request's ID (X-Correlation-Id or generated), unless only the sender's payload
            // ties it to the sender's own flow.
            CorrelationFilter.preferSenders(envelope.correlationId()),
            envelope.id(),
            null,
            null);
    StartOutcome outcome = workflows.start(input);
    if (outcome.queued()) {
      log.info("Event {} kept in the inbox: Temporal is unreachable", envelope.id());
      return Answer.queued(outcome.workflowId());
    }
    if (outcome.completedBefore()) {
      log.info("Event {} ignored: {} already completed", envelope.id(), outcome.workflowId());
      return Answer.ignored(outcome.workflowId(), "request already completed");
    }
    log.info(
        "Event {} started {} run {} (already existed: {})",
        envelope.id(),
        outcome.workflowId(),
        outcome.runId(),
        outcome.alreadyExisted());
    return Answer.started(outcome.workflowId(), outcome.runId(), outcome.alreadyExisted());
  }

  /** Like Seerr's decline: cancelling what is not running (any more) is a no-op, not an error. */
  private Answer mediaCancelled(EventEnvelope envelope, MediaCancelledData data) {
    String workflowId =
        data.workflowId() != null
            ? data.workflowId()
            : WorkflowIds.mediaRequest(data.source(), data.sourceRequestId());
    OperatorAction cancel =
        new OperatorAction(
            envelope.id(),
            ACTOR,
            data.reason() != null ? data.reason() : "cancelled by its source");
    ActionOutcome outcome;
    try {
      outcome = workflows.act(workflowId, RequestAction.CANCEL, cancel);
    } catch (WorkflowNotFoundException notRunning) {
      log.info("Event {} ignored: {} is not running", envelope.id(), workflowId);
      return Answer.ignored(workflowId, "no running request");
    } catch (WorkflowUpdateException refused) {
      log.info("Event {} ignored: {} refused to cancel", envelope.id(), workflowId);
      return Answer.ignored(workflowId, "request cannot be cancelled in its current state");
    }
    log.info("Event {} cancels {}", envelope.id(), workflowId);
    return acted(outcome);
  }

  private Answer downloadFinished(EventEnvelope envelope, DownloadFinishedData data) {
    String hash = data.infoHash().toLowerCase(Locale.ROOT);
    Acceptance acceptance =
        workflows.downloadFinished(
            data.workflowId(), new DownloadFinished(envelope.id(), hash, data.contentPath()));
    if (acceptance == Acceptance.QUEUED) {
      log.info("Event {} kept in the inbox: Temporal is unreachable", envelope.id());
      return Answer.queued(data.workflowId());
    }
    log.info(
        "Event {}: download {} finished, signalled to {}", envelope.id(), hash, data.workflowId());
    return Answer.accepted(data.workflowId());
  }

  /** Like the operator API: a request that is not running is 404, a refused action 409. */
  private Answer requestAction(EventEnvelope envelope, RequestActionData data) {
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
    ActionOutcome outcome =
        workflows.act(
            data.workflowId(), action, new OperatorAction(envelope.id(), ACTOR, data.reason()));
    log.info("Event {}: {} on {} accepted", envelope.id(), action.path(), data.workflowId());
    return acted(outcome);
  }

  private static Answer acted(ActionOutcome outcome) {
    return outcome.isCompleted()
        ? Answer.accepted(outcome.workflowId())
        : Answer.updating(outcome.workflowId(), outcome.updateId());
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode event =
          mapper
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(body == null ? new byte[0] : body);
      if (event == null || event.isMissingNode()) {
        throw new HttpMessageNotReadableException("empty body", new RawBody(body));
      }
      return event;
    } catch (IOException e) {
      // Handed to the problem handler the way Spring reports an unreadable body, so every limit
      // of the shared ObjectMapper (nesting, string length) is answered alike on every endpoint.
      throw new HttpMessageNotReadableException("body is not valid JSON", e, new RawBody(body));
    }
  }

  /**
   * Checked before the schema, which would only say "does not match ^1\.": a sender speaking a
   * newer major version deserves to be told so.
   */
  private static void refuseOtherMajorVersions(JsonNode event) {
    JsonNode version = event.path("version");
    if (!version.isTextual()) {
      return;
    }
    Matcher matcher = VERSION.matcher(version.textValue());
    if (matcher.matches() && !SUPPORTED_MAJOR_VERSION.equals(matcher.group("major"))) {
      throw GatewayProblem.unsupportedEvent(
          "version "
              + version.textValue()
              + " is not supported, this gateway speaks "
              + SUPPORTED_MAJOR_VERSION
              + ".x");
    }
  }

  private static void refuse(String schema, List<Violation> violations) {
    if (!violations.isEmpty()) {
      log.info(
          "Event refused by {}: {}",
          schema,
          violations.stream().map(Violation::pointer).distinct().toList());
      throw GatewayProblem.schemaViolation(schema, violations);
    }
  }

  /**
   * Values were validated by the schema; unknown fields are ignored (forward compatibility). What
   * the schema lets through but Java cannot hold (a leap second, say) is named by its path.
   */
  private <T> T bind(JsonNode node, Class<T> type, String prefix) {
    ObjectReader reader =
        mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      return reader.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(
                  reference ->
                      reference.getFieldName() != null
                          ? reference.getFieldName()
                          : Integer.toString(reference.getIndex()))
              .collect(Collectors.joining("."));
      throw GatewayProblem.invalidField(
          prefix + field, "holds a value this gateway cannot represent");
    } catch (JsonProcessingException e) {
      throw new HttpMessageNotReadableException("event does not bind", e, new RawBody(null));
    }
  }

  private static MediaType mediaType(String keyword) {
    return Arrays.stream(MediaType.values())
        .filter(candidate -> candidate.keyword().equals(keyword))
        .findFirst()
        .orElseThrow(() -> GatewayProblem.invalidField("data.mediaType", "must be movie or tv"));
  }

  /** The body as Spring's exception wants it; it is never rendered into an answer. */
  private record RawBody(byte[] bytes) implements HttpInputMessage {
    @Override
    public InputStream getBody() {
      return new ByteArrayInputStream(bytes == null ? new byte[0] : bytes);
    }

    @Override
    public HttpHeaders getHeaders() {
      return new HttpHeaders();
    }
  }
}
