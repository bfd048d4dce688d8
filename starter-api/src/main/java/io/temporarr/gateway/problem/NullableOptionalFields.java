package io.temporarr.gateway.problem;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Says in the OpenAPI document what the gateway's records accept: an optional field (one not listed
 * as required) may be absent or {@code null}, and so may an entry of an optional list. Jackson
 * binds both to {@code null}, and senders rely on it — Seerr sends {@code "media": null} for a test
 * notification. Answers never contain {@code null} (the gateway leaves unknown values out), so for
 * them this only loosens the schema.
 */
class NullableOptionalFields implements OpenApiCustomizer {
  private static final String NULL = "null";

  @Override
  @SuppressWarnings("rawtypes")
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    for (Map.Entry<String, Schema> component : openApi.getComponents().getSchemas().entrySet()) {
      Map<String, Schema> properties = component.getValue().getProperties();
      if (ProblemResponses.SCHEMA.equals(component.getKey()) || properties == null) {
        continue;
      }
      List<?> required = component.getValue().getRequired();
      for (Map.Entry<String, Schema> property : properties.entrySet()) {
        if (required == null || !required.contains(property.getKey())) {
          property.setValue(nullable(withNullableItems(property.getValue())));
        }
      }
    }
  }

  private static Schema<?> withNullableItems(Schema<?> property) {
    if (property.getItems() != null) {
      property.setItems(nullable(property.getItems()));
    }
    return property;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema nullable(Schema<?> schema) {
    if (schema.get$ref() != null) {
      Schema<?> isNull = new Schema<>().specVersion(schema.getSpecVersion());
      isNull.setTypes(Set.of(NULL));
      return new Schema<>()
          .specVersion(schema.getSpecVersion())
          .anyOf(List.of(schema, isNull))
          .description(schema.getDescription());
    }
    Set<String> types = new LinkedHashSet<>();
    if (schema.getTypes() != null) {
      types.addAll(schema.getTypes());
    } else if (schema.getType() != null) {
      types.add(schema.getType());
    }
    if (!types.isEmpty()) {
      types.add(NULL);
      schema.setTypes(types);
    }
    return schema;
  }
}
