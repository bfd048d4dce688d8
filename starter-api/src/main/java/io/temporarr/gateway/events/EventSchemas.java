package io.temporarr.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.temporarr.gateway.problem.GatewayProblem.Violation;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The published JSON Schemas (draft 2020-12) of {@code docs/events/}, which the build copies into
 * the jar as {@code classpath:events/}: what the documentation shows is exactly what is enforced.
 * Their {@code $id}s are names, not addresses: they resolve to the classpath, so validation never
 * fetches anything. All schemas are loaded and compiled at start-up, so a broken one stops the
 * gateway instead of failing a delivery.
 */
final class EventSchemas {
  /** Base of every schema {@code $id}. */
  static final String BASE_ID = "https://temporarr.io/schemas/events/";

  static final String ENVELOPE = "envelope.v1.schema.json";

  /** At most this many violations are reported; the first ones are enough to fix a sender. */
  static final int MAX_VIOLATIONS = 20;

  private static final String CLASSPATH = "classpath:events/";
  private static final int MAX_MESSAGE_LENGTH = 200;

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_ID, CLASSPATH)));
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder()
          .pathType(PathType.JSON_POINTER)
          // In 2020-12 "format" only annotates unless asked; time must be real RFC 3339.
          .formatAssertionsEnabled(true)
          .locale(Locale.ENGLISH)
          .build();

  private final JsonSchema envelope;
  private final Map<EventType, JsonSchema> data = new EnumMap<>(EventType.class);

  EventSchemas() {
    this.envelope = load(ENVELOPE);
    for (EventType type : EventType.values()) {
      data.put(type, load(type.schemaFile()));
    }
  }

  /**
   * A schema by its path under {@code docs/events/}, compiled with every reference it makes.
   *
   * @throws com.networknt.schema.JsonSchemaException when it is missing or invalid
   */
  JsonSchema load(String file) {
    JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE_ID + file), config);
    schema.initializeValidators();
    return schema;
  }

  /** The violations of the envelope schema; empty when the event is a valid envelope. */
  List<Violation> envelopeViolations(JsonNode event) {
    return violations(envelope, event, "");
  }

  /** The violations of the data schema of {@code type}, pointing into the envelope's data. */
  List<Violation> dataViolations(EventType type, JsonNode eventData) {
    return violations(data.get(type), eventData, "/data");
  }

  static List<Violation> violations(JsonSchema schema, JsonNode node, String pointerPrefix) {
    return schema.validate(node).stream()
        .map(message -> violation(message, pointerPrefix))
        .distinct()
        .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::keyword))
        .limit(MAX_VIOLATIONS)
        .toList();
  }

  private static Violation violation(ValidationMessage message, String pointerPrefix) {
    String pointer = pointerPrefix + message.getInstanceLocation().toString();
    // A missing property is reported on its parent; point at where it belongs.
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      pointer += "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
    }
    String text = message.getError();
    if (text.length() > MAX_MESSAGE_LENGTH) {
      text = text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
    return new Violation(pointer, message.getType(), text);
  }
}
