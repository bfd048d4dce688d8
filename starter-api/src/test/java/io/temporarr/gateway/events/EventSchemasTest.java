package io.temporarr.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.networknt.schema.JsonSchema;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporarr.gateway.problem.GatewayProblem.Violation;
import io.temporarr.gateway.problem.InputLimits;
import io.temporarr.gateway.temporal.RequestAction;
import io.temporarr.workflows.common.MediaType;
import io.temporarr.workflows.download.DownloadFailed;
import io.temporarr.workflows.download.DownloadFinished;
import io.temporarr.workflows.request.ActionKind;
import io.temporarr.workflows.request.ChooseRelease;
import io.temporarr.workflows.request.OperatorAction;
import io.temporarr.workflows.request.RequestActionSignal;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Keeps the published schemas ({@code docs/events/}, on the classpath as {@code events/}) and the
 * Java records in step: each schema's {@code properties} are exactly the record's JSON properties,
 * and samples built from the records validate. Event records are serialised with the gateway's
 * (Spring's) ObjectMapper, workflow payloads with Temporal's default payload converter — the JSON
 * each really travels as.
 */
class EventSchemasTest {
  private static final String HASH = "c9e15763f722f23e98a29decdfae341b98d53056";
  private static final String WORKFLOW_ID = "media-request:events:42";

  /** Spring Boot's ObjectMapper: dates as RFC 3339 text, not numbers. */
  private static final ObjectMapper GATEWAY_JSON =
      Jackson2ObjectMapperBuilder.json()
          .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final ObjectMapper TEMPORAL_JSON =
      JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private final EventSchemas schemas = new EventSchemas();

  /** One schema and the record it describes; {@code samples} must all validate. */
  record Pair(String schema, Class<?> type, ObjectMapper json, List<Object> samples) {
    @Override
    public String toString() {
      return schema + " <-> " + type.getSimpleName();
    }
  }

  static Stream<Pair> pairs() {
    OffsetDateTime time = OffsetDateTime.parse("2025-06-01T12:00:00+02:00");
    return Stream.of(
        new Pair(
            "envelope.v1.schema.json",
            EventEnvelope.class,
            GATEWAY_JSON,
            List.of(
                new EventEnvelope(
                    "evt_01",
                    "media.requested",
                    "1.0",
                    time,
                    "corr-1",
                    "evt_00",
                    GATEWAY_JSON.createObjectNode().put("any", "thing")),
                new EventEnvelope(
                    "evt_02",
                    "download.finished",
                    "1.3",
                    time,
                    null,
                    null,
                    GATEWAY_JSON.createObjectNode()))),
        new Pair(
            "media.requested.v1.schema.json",
            MediaRequestedData.class,
            GATEWAY_JSON,
            List.of(
                new MediaRequestedData(
                    "jellyseerr",
                    "42",
                    "tv",
                    "Severance",
                    2022,
                    95396,
                    "tt11280740",
                    371980,
                    List.of(1, 2),
                    "alice"),
                new MediaRequestedData(
                    "events", "a-1", "movie", "Dune", null, null, null, null, null, null))),
        new Pair(
            "media.cancelled.v1.schema.json",
            MediaCancelledData.class,
            GATEWAY_JSON,
            List.of(
                new MediaCancelledData(WORKFLOW_ID, null, null, "declined"),
                new MediaCancelledData(null, "events", "42", null))),
        new Pair(
            "download.finished.v1.schema.json",
            DownloadFinishedData.class,
            GATEWAY_JSON,
            List.of(
                new DownloadFinishedData(HASH.toUpperCase(), WORKFLOW_ID + ":s2", "/downloads/x"),
                new DownloadFinishedData(HASH, WORKFLOW_ID, null))),
        new Pair(
            "request.action.v1.schema.json",
            RequestActionData.class,
            GATEWAY_JSON,
            Arrays.stream(RequestAction.values())
                .map(action -> (Object) new RequestActionData(WORKFLOW_ID, action.path(), null))
                .toList()),
        new Pair(
            "signals/download-finished.v1.schema.json",
            DownloadFinished.class,
            TEMPORAL_JSON,
            List.of(
                new DownloadFinished("qbt:" + HASH + ":finished", HASH, "/downloads/x"),
                new DownloadFinished("evt_01", HASH, null))),
        new Pair(
            "signals/download-failed.v1.schema.json",
            DownloadFailed.class,
            TEMPORAL_JSON,
            List.of(
                new DownloadFailed("evt_01", HASH, "missing files"),
                new DownloadFailed("evt_02", HASH, null))),
        new Pair(
            "signals/operator-action.v1.schema.json",
            OperatorAction.class,
            TEMPORAL_JSON,
            List.of(
                new OperatorAction("operator:4f1c", "operator", "stuck"),
                new OperatorAction("seerr:42:MEDIA_DECLINED", "seerr", null))),
        new Pair(
            "signals/choose-release.v1.schema.json",
            ChooseRelease.class,
            TEMPORAL_JSON,
            List.of(new ChooseRelease("operator:77", "operator", HASH))),
        new Pair(
            "signals/request-action-signal.v1.schema.json",
            RequestActionSignal.class,
            TEMPORAL_JSON,
            Arrays.stream(ActionKind.values())
                .map(
                    kind ->
                        (Object)
                            new RequestActionSignal(
                                kind, new OperatorAction("batch:1", "operator", null)))
                .toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void schemaPropertiesAreTheRecordsJsonProperties(Pair pair) throws IOException {
    JsonNode schema = schemaDocument(pair.schema());

    assertThat(fieldNames(schema.path("properties")))
        .as("properties of %s", pair.schema())
        .isEqualTo(jsonProperties(pair.json(), pair.type()));
    assertThat(fieldNames(schema.path("properties")))
        .as("required properties of %s", pair.schema())
        .containsAll(texts(schema.path("required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void samplesBuiltFromTheRecordValidate(Pair pair) {
    JsonSchema schema = schemas.load(pair.schema());

    for (Object sample : pair.samples()) {
      JsonNode json = pair.json().valueToTree(sample);
      assertThat(EventSchemas.violations(schema, json, "")).as("%s as %s", sample, json).isEmpty();
    }
  }

  @Test
  void everyPublishedSchemaHasItsRecordAndEveryEventTypeItsSchema() throws IOException {
    Set<String> published = new TreeSet<>();
    for (Resource resource :
        new PathMatchingResourcePatternResolver().getResources("classpath*:events/**/*.json")) {
      String path = resource.getURL().toString();
      published.add(path.substring(path.lastIndexOf("/events/") + "/events/".length()));
    }
    Set<String> paired = pairs().map(Pair::schema).collect(Collectors.toCollection(TreeSet::new));
    paired.add("common.v1.schema.json");

    assertThat(published).isEqualTo(paired);
    for (EventType type : EventType.values()) {
      assertThat(pairs())
          .as("pair of %s", type)
          .anyMatch(
              pair -> pair.schema().equals(type.schemaFile()) && pair.type() == type.dataType());
    }
  }

  @Test
  void enumeratedValuesMatchTheirJavaCounterparts() throws IOException {
    assertThat(texts(property("media.requested.v1.schema.json", "mediaType").path("enum")))
        .containsExactlyElementsOf(
            Arrays.stream(MediaType.values()).map(MediaType::keyword).toList());
    assertThat(texts(property("request.action.v1.schema.json", "action").path("enum")))
        .containsExactlyElementsOf(
            Arrays.stream(RequestAction.values()).map(RequestAction::path).toList());
    assertThat(texts(property("signals/request-action-signal.v1.schema.json", "kind").path("enum")))
        .containsExactlyElementsOf(Arrays.stream(ActionKind.values()).map(Enum::name).toList());
  }

  @Test
  void everySchemaDeclaresDraft2020AndAnIdMatchingItsPath() throws IOException {
    for (String file : pairs().map(Pair::schema).toList()) {
      JsonNode schema = schemaDocument(file);
      assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.BASE_ID + file);
    }
  }

  @Test
  void violationsPointAtTheOffendingValuesAndMissingProperties() {
    JsonNode data =
        GATEWAY_JSON
            .createObjectNode()
            .put("source", "Not A Source")
            .put("mediaType", "book")
            .put("title", "Dune");

    List<Violation> violations = schemas.dataViolations(EventType.MEDIA_REQUESTED, data);

    assertThat(violations)
        .extracting(Violation::pointer, Violation::keyword)
        .contains(
            tuple("/data/mediaType", "enum"),
            tuple("/data/source", "pattern"),
            tuple("/data/sourceRequestId", "required"));
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotContain("book"));
  }

  private static JsonNode schemaDocument(String file) throws IOException {
    try (var in = EventSchemasTest.class.getResourceAsStream("/events/" + file)) {
      assertThat(in).as("classpath:events/%s", file).isNotNull();
      return GATEWAY_JSON.readTree(in);
    }
  }

  private static JsonNode property(String file, String name) throws IOException {
    return schemaDocument(file).path("properties").path(name);
  }

  private static Set<String> jsonProperties(ObjectMapper json, Class<?> type) {
    JavaType javaType = json.constructType(type);
    return json.getDeserializationConfig().introspect(javaType).findProperties().stream()
        .map(BeanPropertyDefinition::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void publishedBoundsAreTheGatewaysInputLimits() throws IOException {
    JsonNode requested = schemaDocument("media.requested.v1.schema.json").path("properties");
    JsonNode common = schemaDocument("common.v1.schema.json").path("$defs");

    assertThat(requested.path("title").path("maxLength").asInt()).isEqualTo(InputLimits.TITLE);
    assertThat(requested.path("seasons").path("maxItems").asInt()).isEqualTo(InputLimits.SEASONS);
    assertThat(requested.path("seasons").path("items").path("maximum").asInt())
        .isEqualTo(InputLimits.SEASON_NUMBER);
    assertThat(requested.path("requestedBy").path("maxLength").asInt())
        .isEqualTo(InputLimits.REQUESTED_BY);
    assertThat(common.path("source").path("maxLength").asInt()).isEqualTo(InputLimits.SOURCE);
    assertThat(common.path("sourceRequestId").path("maxLength").asInt())
        .isEqualTo(InputLimits.IDENTIFIER);
    assertThat(common.path("reason").path("maxLength").asInt()).isEqualTo(InputLimits.REASON);
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
