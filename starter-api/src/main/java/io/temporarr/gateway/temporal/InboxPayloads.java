package io.temporarr.gateway.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON of the payloads kept in the inbox (the workflow's own input and signal records). Its own
 * mapper, so that Spring's web settings never change what is stored; unknown fields are ignored so
 * that entries written by an older or newer gateway still read.
 */
final class InboxPayloads {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private InboxPayloads() {}

  static String write(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + payload.getClass().getSimpleName(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the stored JSON does not read as {@code type}
   */
  static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the JSON: keep it out of logs and dead-letter reasons.
      throw new IllegalArgumentException("unreadable " + type.getSimpleName() + " payload");
    }
  }
}
