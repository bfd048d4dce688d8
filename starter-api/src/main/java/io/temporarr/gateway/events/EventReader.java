package io.temporarr.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.temporarr.gateway.problem.GatewayProblem;
import io.temporarr.gateway.problem.GatewayProblem.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Reads the body of an authentic delivery into an event, each step looking at more of it: JSON
 * syntax (400), a version of another major than 1 or an unknown type (422), the envelope and data
 * schemas (422 listing JSON pointers). Nothing of the body is echoed into a problem.
 */
@Component
class EventReader {
  private static final Logger log = LoggerFactory.getLogger(EventReader.class);

  static final String SUPPORTED_MAJOR_VERSION = "1";

  /** Field-name prefix of the event's payload, as in {@code data.title}. */
  private static final String DATA = "data.";

  private static final Pattern VERSION = Pattern.compile("(?<major>[0-9]{1,4})\\.[0-9]{1,4}");

  private final ObjectMapper mapper;
  private final EventSchemas schemas;

  EventReader(ObjectMapper mapper, EventSchemas schemas) {
    this.mapper = mapper;
    this.schemas = schemas;
  }

  /** An event whose envelope and data match their schemas. */
  record Event(EventEnvelope envelope, EventType type) {}

  /**
   * @throws HttpMessageNotReadableException when the body is not one JSON value (400)
   * @throws GatewayProblem when the version, type or a schema refuses the event (422)
   */
  Event read(byte[] body) {
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
    return new Event(envelope, type);
  }

  /** The event's {@code data} as its type's record (already checked against its schema). */
  <T> T data(Event event, Class<T> type) {
    return bind(event.envelope().data(), type, DATA);
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

  /**
   * Schema keywords that bound a value's size ({@link io.temporarr.gateway.problem.InputLimits}):
   * breaking one answers 400 naming the field rather than 422.
   */
  private static final Set<String> BOUNDS = Set.of("maxLength", "maxItems", "maximum");

  private static void refuse(String schema, List<Violation> violations) {
    violations.stream()
        .filter(violation -> BOUNDS.contains(violation.keyword()))
        .findFirst()
        .ifPresent(
            bound -> {
              throw GatewayProblem.fieldOutOfBounds(field(bound.pointer()), bound.message());
            });
    if (!violations.isEmpty()) {
      log.info(
          "Event refused by {}: {}",
          schema,
          violations.stream().map(Violation::pointer).distinct().toList());
      throw GatewayProblem.schemaViolation(schema, violations);
    }
  }

  /** {@code /data/seasons/3} → {@code data.seasons[3]}, as fields are named elsewhere. */
  private static String field(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String segment : pointer.replaceFirst("^/", "").split("/")) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        field.append('[').append(name).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(name);
      }
    }
    return field.toString();
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
