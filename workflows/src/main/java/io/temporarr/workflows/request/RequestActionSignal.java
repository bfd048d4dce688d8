package io.temporarr.workflows.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Payload of the {@code requestAction} signal, used for batch operations (signal by query).
 *
 * <p>Read from a JSON object, as {@code temporal workflow signal --input '{…}'} sends it, and also
 * from a JSON string holding that object, which is how {@code tctl workflow signal --query} (tctl
 * 1.18) wraps its {@code --input}: the operator's batch retry works with either CLI.
 */
public record RequestActionSignal(ActionKind kind, OperatorAction action) {

  private static final ObjectMapper JSON = new ObjectMapper();

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public RequestActionSignal(
      @JsonProperty("kind") ActionKind kind, @JsonProperty("action") OperatorAction action) {
    this.kind = kind;
    this.action = action;
  }

  /** The signal from the JSON text of its object (tctl's form). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static RequestActionSignal fromJsonText(String json) {
    try {
      return JSON.readValue(json, RequestActionSignal.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "requestAction input must be {\"kind\":…,\"action\":{…}}: " + e.getOriginalMessage(), e);
    }
  }
}
